import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClientFiles, DOCUMENT_PATH, SCHEMA_PATH } from './api-client-files.js';

/** `npm run openapi -w engine`: rewrites engine/openapi.json and the web app's schema.d.ts. */
const root = join(import.meta.dirname, '../../../..');
const { document, schema } = await apiClientFiles();
writeFileSync(join(root, DOCUMENT_PATH), document);
writeFileSync(join(root, SCHEMA_PATH), schema);
console.log(`Wrote ${DOCUMENT_PATH} and ${SCHEMA_PATH}`);
