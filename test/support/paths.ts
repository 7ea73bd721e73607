import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Root of the repository, from the compiled file in test/dist/support. */
export const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
export const conformanceModels = resolve(repositoryRoot, 'test/conformance/models/zeebe-process-test');
