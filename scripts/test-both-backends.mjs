// Runs every test file on the embedded database (PGlite) and, at the same time, every test file but
// the browser tests on the PostgreSQL server. The files of both backends form one queue, longest
// first (durations of an earlier run in scripts/test-durations.json; a file not listed there is
// taken as long), and three workers take the next file as soon as they are free: most tests spend
// much of their time waiting on a browser, a child process or the database, so three keep two cores
// busy, and a shared queue ends them together instead of leaving one lane to run on alone.
//
// A passing file prints one line; a failing one prints its whole output. Every file's output is kept
// in a folder named at the start and at the end, with the durations of this run (durations.json).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresForTests } from './postgres-for-tests.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workers = Number(process.env.TEST_WORKERS) || Math.max(3, availableParallelism() + 1);
const logs = mkdtempSync(join(tmpdir(), 'mot-cua-tests-'));
const durationsFile = join(root, 'scripts/test-durations.json');
const known = existsSync(durationsFile) ? JSON.parse(readFileSync(durationsFile, 'utf8')) : {};

function testFiles(workspace, folder, include = () => true) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.test.js')) found.push(relative(join(root, workspace), path));
    }
  };
  walk(join(root, workspace, folder));
  return found.filter(include).sort();
}

const postgres = await postgresForTests();
const backends = [{ name: 'pglite', env: { TEST_DATABASE_URL: '' }, browser: true }];
if (postgres.url) backends.push({ name: 'postgres', env: { TEST_DATABASE_URL: postgres.url }, browser: false });
else if (postgres.failure) {
  console.error(postgres.failure);
  process.exit(1);
} else console.log(postgres.notice);

const jobs = [];
for (const backend of backends) {
  for (const file of testFiles('engine', 'dist/test')) jobs.push({ backend, workspace: 'engine', file });
  // The browser tests drive the same API through the web app: once, on the embedded database; what
  // depends on the backend is tested without a browser on both.
  for (const file of testFiles('test', 'dist', (f) => backend.browser || !f.startsWith('dist/e2e/'))) jobs.push({ backend, workspace: 'test', file });
}
// TEST_FILTER (a regular expression on "backend workspace/file") runs part of the suite, e.g. "pglite engine/dist/test/dossiers/".
if (process.env.TEST_FILTER) {
  const filter = new RegExp(process.env.TEST_FILTER);
  jobs.splice(0, jobs.length, ...jobs.filter((job) => filter.test(id(job))));
}
function id(job) {
  return `${job.backend.name} ${job.workspace}/${job.file}`;
}
const expected = (job) => known[`${job.workspace}/${job.file}`] ?? Number.POSITIVE_INFINITY;
jobs.sort((a, b) => expected(b) - expected(a));

console.log(`${jobs.length} test files on ${backends.map((b) => b.name).join(' and ')}, ${workers} at a time; outputs in ${logs}`);

const results = [];
const started = Date.now();
let next = 0;
async function worker() {
  while (next < jobs.length) results.push(await run(jobs[next++]));
}

function run(job) {
  return new Promise((resolveJob) => {
    const begin = Date.now();
    const log = join(logs, `${job.backend.name}-${job.workspace}-${job.file.replaceAll('/', '_')}.log`);
    const output = createWriteStream(log);
    let text = '';
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', job.file], {
      cwd: join(root, job.workspace),
      env: { ...process.env, ...job.backend.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        text += chunk;
        output.write(chunk);
      });
    }
    child.on('close', (code, signal) => {
      output.end();
      const seconds = (Date.now() - begin) / 1000;
      const count = (name) => Number(text.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
      const result = { job, passed: code === 0, seconds, tests: count('tests'), fail: count('fail'), skipped: count('skipped'), todo: count('todo') };
      const elapsed = Math.round((Date.now() - started) / 1000);
      const counts = `${result.tests} tests${result.skipped ? `, ${result.skipped} skipped` : ''}${result.fail ? `, ${result.fail} failed` : ''}`;
      console.log(`[${elapsed}s] ${result.passed ? 'ok  ' : 'FAIL'} ${id(job)} (${counts}, ${seconds.toFixed(1)} s)${signal ? ` killed by ${signal}` : ''}`);
      if (!result.passed) console.log(text);
      else if (result.skipped) for (const line of text.split('\n').filter((l) => /# SKIP/.test(l))) console.log(`       ${line.trim()}`);
      resolveJob(result);
    });
  });
}

await Promise.all(Array.from({ length: workers }, worker));

const durations = {};
for (const r of results) durations[`${r.job.workspace}/${r.job.file}`] = Math.max(durations[`${r.job.workspace}/${r.job.file}`] ?? 0, Math.round(r.seconds));
writeFileSync(join(logs, 'durations.json'), `${JSON.stringify(Object.fromEntries(Object.entries(durations).sort()), null, 2)}\n`);

console.log('');
for (const backend of backends) {
  const mine = results.filter((r) => r.job.backend === backend);
  const sum = (key) => mine.reduce((total, r) => total + r[key], 0);
  console.log(`${backend.name}: ${mine.length} files, ${sum('tests')} tests, ${sum('fail')} failed, ${sum('skipped')} skipped; ${mine.filter((r) => !r.passed).length} files failed`);
}
const failed = results.filter((r) => !r.passed);
for (const r of failed) console.log(`failed: ${id(r.job)} (output in ${logs})`);
console.log(`${Math.round((Date.now() - started) / 60000)} min; outputs and durations.json in ${logs}`);
process.exit(failed.length === 0 ? 0 : 1);
