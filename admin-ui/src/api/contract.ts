import type { components, paths } from './schema.js';

/** The response DTOs of the platform, generated from its OpenAPI document (schema.d.ts). */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : void;

/** What a route answers on success (200, else 201, else nothing), as the OpenAPI document declares it. */
export type Answer<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? 200 extends keyof R
    ? Json<R[200]>
    : 201 extends keyof R
      ? Json<R[201]>
      : void
  : never;
