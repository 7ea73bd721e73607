import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, Transaction } from './database.js';
import { literal } from './sql-literal.js';

/** What the work inside the transaction hands back: its value, and the statements to run before COMMIT. */
export interface TransactionWork<T> {
  value: T;
  closing: SQL[];
}

/**
 * A transaction whose first statements travel with BEGIN and whose last ones travel with COMMIT.
 *
 * On the PostgreSQL server every statement costs a round trip, and with it a wake-up of the server
 * and of Node: a command that locks, loads, writes and commits paid five. Sent as one simple-protocol
 * message, "BEGIN; lock; load" is one round trip, and "write; COMMIT" another. The statements of one
 * message still run one after the other, each with its own snapshot, so the load reads what the
 * previous holder of the lock committed. Their parameters are written into the text as literals
 * (the simple protocol has none), which is why only numbers, strings, booleans, dates and null are
 * accepted. On PGlite, where a statement is a function call, they run one by one in an ordinary
 * transaction.
 *
 * `opening`'s row sets are handed to `work`; `work`'s own queries run on the same transaction.
 */
export async function pipelinedTransaction<T>(
  db: Database,
  opening: SQL[],
  work: (tx: Transaction, opened: Record<string, unknown>[][]) => Promise<TransactionWork<T>>,
): Promise<T> {
  const pool = serverPool(db);
  if (!pool) {
    return db.transaction(async (tx) => {
      const opened: Record<string, unknown>[][] = [];
      for (const statement of opening) opened.push(rowsOf(await tx.execute(statement)));
      const { value, closing } = await work(tx, opened);
      for (const statement of closing) await tx.execute(statement);
      return value;
    });
  }
  const dialect = (db as unknown as { dialect: PgDialect }).dialect;
  const client = await pool.connect();
  let open = true;
  // A connection whose transaction could not be rolled back is closed, not handed to the next caller.
  let broken = false;
  try {
    const results = await client.query(['begin', ...opening.map((s) => inline(dialect, s))].join(';\n'));
    // One statement answers with one result, several with a list of them.
    const list = Array.isArray(results) ? (results as pg.QueryResult[]) : [results];
    const opened = list.slice(1).map((r) => r.rows as Record<string, unknown>[]);
    const { value, closing } = await work(transactionOn(db, client, dialect), opened);
    await client.query([...closing.map((s) => inline(dialect, s)), 'commit'].join(';\n'));
    open = false;
    return value;
  } catch (error) {
    if (open) await client.query('rollback').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The server's connection pool, or undefined for PGlite (and for a transaction passed as the database). */
function serverPool(db: Database): pg.Pool | undefined {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/** A drizzle transaction on a connection whose BEGIN was already sent. */
function transactionOn(db: Database, client: pg.PoolClient, dialect: PgDialect): Transaction {
  const options = (db as unknown as { session: { options: object } }).session.options;
  const session = new NodePgSession(client, dialect, undefined, options);
  return new NodePgTransaction(dialect, session, undefined) as unknown as Transaction;
}

/** The statement's text with its parameters written in as literals. */
export function inline(dialect: PgDialect, statement: SQL): string {
  const { sql, params } = dialect.sqlToQuery(statement);
  return sql.replace(/\$(\d+)/g, (_, index: string) => literal(params[Number(index) - 1]));
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}
