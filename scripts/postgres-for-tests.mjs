// The PostgreSQL server the tests run against: TEST_DATABASE_URL, default the local one. Without a
// reachable server its run is skipped with a notice, except in CI (CI=true), where that fails.
import pg from 'pg';

/** @returns {Promise<{ url?: string, shown: string, notice?: string, failure?: string }>} */
export async function postgresForTests() {
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url, shown };
  } catch (error) {
    const reason = `no PostgreSQL server answers at ${shown} (${error.message})`;
    if (process.env.CI === 'true') return { shown, failure: `PostgreSQL test run failed: ${reason}.` };
    return { shown, notice: `PostgreSQL test run skipped: ${reason}. Set TEST_DATABASE_URL to run it.` };
  } finally {
    await client.end().catch(() => undefined);
  }
}
