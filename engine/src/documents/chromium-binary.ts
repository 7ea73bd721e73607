import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { packageRoot } from './package-root.js';

/**
 * The Chromium to render with: CHROMIUM_PATH when set, otherwise the headless shell shipped
 * compressed inside @sparticuz/chromium, unpacked once into a folder named after the package
 * version. The package's own executablePath() reuses whatever `$TMPDIR/chromium` it finds,
 * whatever its version, and unpacks fonts and GL libraries the documents do not use.
 */
export async function resolveChromiumExecutable(options: { override?: string; cacheDir: string }): Promise<string> {
  if (options.override) {
    if (!existsSync(options.override)) throw new Error(`CHROMIUM_PATH=${options.override} does not exist`);
    return options.override;
  }
  const { directory, version } = packageRoot('@sparticuz/chromium');
  const target = join(options.cacheDir, `chromium-${version}`, 'chromium');
  if (existsSync(target)) return target;
  await mkdir(dirname(target), { recursive: true });
  // Unpacked next to its final name and renamed, so a crash mid-way never leaves a truncated binary.
  const partial = `${target}.${process.pid}.partial`;
  try {
    await pipeline(
      createReadStream(join(directory, 'bin', 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(partial, { mode: 0o755 }),
    );
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return target;
}
