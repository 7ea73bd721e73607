// Runs the test suites again against a PostgreSQL server: every database test then gets a fresh
// database there instead of PGlite. Server: TEST_DATABASE_URL, default the local one. Without a
// reachable server the run is skipped with a notice, except in CI (CI=true), where that fails.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query('select 1');
} catch (error) {
  const reason = `no PostgreSQL server answers at ${shown} (${error.message})`;
  if (process.env.CI === 'true') {
    console.error(`PostgreSQL test run failed: ${reason}.`);
    process.exit(1);
  }
  console.log(`PostgreSQL test run skipped: ${reason}. Set TEST_DATABASE_URL to run it.`);
  process.exit(0);
} finally {
  await client.end().catch(() => undefined);
}

console.log(`Running the test suites against PostgreSQL at ${shown}`);
// The browser tests (test/e2e) drive the same API through the web app; they ran on the embedded
// database already, and what depends on the backend is tested below without a browser.
for (const [workspace, script] of [['engine', 'test'], ['test', 'test:without-browser']]) {
  const run = spawnSync('npm', ['run', script, '-w', workspace], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
