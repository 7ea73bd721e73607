import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';

/** The one query type every repository is written against; both backends satisfy it. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: repositories take this so callers choose the boundary. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  readonly db: Database;
  readonly backend: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * PGlite's own start parameters plus three that lower its memory: initdb's postgresql.conf reserves
 * 128 MB of shared buffers and process slots for 100 connections and 16 autovacuum workers, all
 * resident in the WebAssembly heap, while PGlite is one single-user backend without autovacuum.
 * 16 MB of buffers keeps the hot pages of a one-province platform; the rest is read through the
 * operating system's file cache (docs/benchmarks.md, Cold start).
 */
const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=16MB', '-c', 'max_connections=4', '-c', 'autovacuum_worker_slots=1'],
];

const migrationsFolder = resolve(fileURLToPath(import.meta.url), '../../../../migrations');

export interface DatabaseOptions {
  /** postgres://… for a server; otherwise PGlite files under dataDir. */
  url?: string;
  dataDir: string;
  /** Pool size for the server backend. */
  poolSize?: number;
}

/** Opens the configured backend and applies pending migrations before anything else touches it. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops (a restart, a failover) is replaced on the next query; without
  // a listener its error event would end the process.
  pool.on('error', (error) => console.warn(`PostgreSQL: an idle connection was closed (${error.message})`));
  const db = drizzlePostgres(pool);
  try {
    await migratePostgres(db, { migrationsFolder });
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot prepare the PostgreSQL database at ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { db: db as unknown as Database, backend: 'postgres', close: () => pool.end() };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const directory = resolve(dataDir);
  mkdirSync(directory, { recursive: true });
  // PGlite lets two processes open one folder and silently lose writes: one owner at a time.
  const lock: DirectoryLock = await acquireDirectoryLock(directory);
  let client: PGlite | undefined;
  try {
    client = new PGlite(join(directory, 'pgdata'), { startParams: PGLITE_START_PARAMS });
    await client.waitReady;
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder });
    const opened = client;
    return {
      db: db as unknown as Database,
      backend: 'pglite',
      close: async () => {
        await opened.close();
        await lock.release();
      },
    };
  } catch (error) {
    await client?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
