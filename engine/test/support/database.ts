import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const dataDir = await freshDataDir('mot-cua-test-');
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

const migrationsFolder = resolve(fileURLToPath(import.meta.url), '../../../../migrations');

/**
 * A new temporary data folder. On the embedded backend it already holds a migrated database, copied
 * from a template made once per set of migrations: PGlite's initdb costs seconds per test, a copy a
 * tenth of that. The platform still runs its migrations on open (they find nothing to do); the
 * migration path from an empty folder is tested on its own (foundation/migrations, start-command).
 */
export async function freshDataDir(prefix: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  if (!serverUrl) cpSync(join(await migratedTemplate(), 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

let template: Promise<string> | undefined;

function migratedTemplate(): Promise<string> {
  template ??= buildTemplate();
  return template;
}

async function buildTemplate(): Promise<string> {
  const folder = join(tmpdir(), `mot-cua-pglite-template-${templateKey()}`);
  if (existsSync(folder)) return folder;
  // Built aside and renamed into place, so a test process running beside this one never copies a
  // half-made template; if both build one, the first rename wins and the other is dropped.
  const building = mkdtempSync(`${folder}-building-`);
  const handle = await openDatabase({ dataDir: building });
  await handle.close();
  try {
    renameSync(building, folder);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return folder;
}

/** The migrations and the PGlite version decide what a template holds. */
function templateKey(): string {
  const hash = createHash('sha256');
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const packageFile = join(entry.slice(0, entry.lastIndexOf('@electric-sql/pglite') + '@electric-sql/pglite'.length), 'package.json');
  hash.update((JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version);
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(migrationsFolder, file);
    hash.update(file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}
