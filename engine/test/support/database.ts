import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/database/database.js';

/**
 * A fresh, migrated database for one test: PGlite in a temporary folder by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (the integration run), dropped after.
 */
export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of the fresh database (server backend only), for child processes. */
  readonly url?: string;
  /** Folder holding the PGlite files (embedded backend only). */
  readonly dataDir: string;
}

export const serverUrl = process.env.TEST_DATABASE_URL;
export const backendName = serverUrl ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-test-'));
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir });
    return {
      ...handle,
      dataDir,
      close: async () => {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = await createServerDatabase(serverUrl);
  const handle = await openDatabase({ url, dataDir });
  return {
    ...handle,
    url,
    dataDir,
    close: async () => {
      await handle.close();
      await dropServerDatabase(serverUrl, url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an empty database on the server and returns its URL; the caller opens (and migrates) it. */
export async function createServerDatabase(adminUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
