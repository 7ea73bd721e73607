import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Content-addressed bytes on disk: a file is written once under its SHA-256, so the same upload
 * twice costs nothing and a stored file can be checked against its name at any time.
 */
export class DirectoryFileStore {
  constructor(private readonly root: string) {}

  async put(content: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const target = this.pathOf(sha256);
    if (!existsSync(target)) {
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(content);
        await handle.sync(); // the row that references it is committed after this returns
      } finally {
        await handle.close();
      }
      await rename(temporary, target).catch(async (error) => {
        await rm(temporary, { force: true });
        throw error;
      });
    }
    return { sha256, size: content.length };
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256 digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }
}
