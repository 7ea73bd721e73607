// Runs the suite on both backends at once, in three lanes: the platform's tests on the embedded
// database (PGlite), the web app and conformance tests on it, and everything but the browser tests
// on the PostgreSQL server. Each lane runs its test files one at a time; most tests spend much of
// their time waiting on a browser, a child process or the database, so three lanes keep two cores
// busy where two left one idle. The first lane prints as it goes; the others are kept in files and
// printed whole when they end, so the outputs never interleave.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const logs = mkdtempSync(join(tmpdir(), 'mot-cua-tests-'));
const embedded = { ...process.env, TEST_DATABASE_URL: '' };

const lanes = [
  { name: 'Embedded database (PGlite): platform tests', args: ['test', '-w', 'engine'], env: embedded },
  { name: 'Embedded database (PGlite): web app in Chromium and conformance', args: ['test', '-w', 'test'], env: embedded, log: 'web-app.log' },
  { name: 'PostgreSQL server: platform tests and conformance', args: ['run', 'test:postgres'], env: process.env, log: 'postgres.log' },
];

function run(lane) {
  return new Promise((resolve) => {
    const output = lane.log ? createWriteStream(join(logs, lane.log)) : undefined;
    const child = spawn('npm', lane.args, { env: lane.env, stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'] });
    if (output) {
      child.stdout.pipe(output, { end: false });
      child.stderr.pipe(output, { end: false });
    }
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (output) output.end(() => resolve(status));
      else resolve(status);
    });
  });
}

const statuses = await Promise.all(lanes.map(run));
for (const lane of lanes.filter((l) => l.log)) {
  console.log(`\n=== ${lane.name} (${join(logs, lane.log)}) ===`);
  process.stdout.write(readFileSync(join(logs, lane.log)));
}
console.log('');
lanes.forEach((lane, i) => console.log(`${lane.name}: ${statuses[i] === 0 ? 'passed' : `failed (exit ${statuses[i]})`}`));
process.exit(statuses.every((status) => status === 0) ? 0 : 1);
