import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The installed folder of an npm package, found from its entry point (its package.json may not be exported). */
export function packageRoot(name: string): { directory: string; version: string } {
  for (let directory = dirname(require.resolve(name)); directory !== dirname(directory); directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string };
      if (parsed.name === name) return { directory, version: parsed.version };
    }
  }
  throw new Error(`Cannot find the installed package ${name}`);
}
