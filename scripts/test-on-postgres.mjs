// Runs the test suites again against a PostgreSQL server: every database test then gets a fresh
// database there instead of PGlite (server and skip rules: postgres-for-tests.mjs).
import { spawnSync } from 'node:child_process';
import { postgresForTests } from './postgres-for-tests.mjs';

const postgres = await postgresForTests();
if (!postgres.url) {
  console[postgres.failure ? 'error' : 'log'](postgres.failure ?? postgres.notice);
  process.exit(postgres.failure ? 1 : 0);
}

console.log(`Running the test suites against PostgreSQL at ${postgres.shown}`);
// The browser tests (test/e2e) drive the same API through the web app; they ran on the embedded
// database already, and what depends on the backend is tested below without a browser.
for (const [workspace, script] of [['engine', 'test'], ['test', 'test:without-browser']]) {
  const run = spawnSync('npm', ['run', script, '-w', workspace], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: postgres.url },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
