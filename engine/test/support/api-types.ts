import type { components } from '../../../admin-ui/src/api/schema.js';

/**
 * The platform's response DTOs, generated from engine/openapi.json into the web app's schema.d.ts
 * (`npm run openapi -w engine`): tests read answers through them instead of re-declaring shapes.
 */
export type Schemas = components['schemas'];
