import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString } from 'openapi-typescript';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/environment.js';
import type { DatabaseHandle } from '../database/database.js';
import { openApiDocument } from './openapi-document.js';

export const DOCUMENT_PATH = 'engine/openapi.json';
export const SCHEMA_PATH = 'admin-ui/src/api/schema.d.ts';

const HEADER = `/**
 * Generated from engine/openapi.json by openapi-typescript; do not edit.
 * Regenerate with \`npm run openapi -w engine\` after changing a route or a DTO.
 */

`;

/**
 * The OpenAPI document and the client types generated from it, as the files hold them. The app is
 * built in Nest's preview mode: routes and their decorators are read, no provider is instantiated,
 * so no database is opened and nothing listens.
 */
export async function apiClientFiles(): Promise<{ document: string; schema: string }> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' });
  const unopened = {} as DatabaseHandle;
  const app = await NestFactory.create(AppModule.forRoot(config, unopened), { preview: true, logger: false, abortOnError: false });
  try {
    const document = openApiDocument(app);
    const types = astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
    return { document: `${JSON.stringify(document, null, 2)}\n`, schema: HEADER + types };
  } finally {
    await app.close();
  }
}
