// Runs the suite on both backends at once: the embedded database (PGlite) and the PostgreSQL
// server. Each half runs its test files one at a time, so on a 2-core machine the halves share the
// cores instead of waiting for each other. The embedded half prints as it goes; the PostgreSQL
// half is kept in a file and printed whole when it ends, so the two never interleave.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const logFile = join(mkdtempSync(join(tmpdir(), 'mot-cua-tests-')), 'postgres.log');

function run(script, output) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'] });
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

const [embedded, server] = await Promise.all([run('test:pglite'), run('test:postgres', createWriteStream(logFile))]);
console.log(`\n=== The same suites on the PostgreSQL server (${logFile}) ===`);
process.stdout.write(readFileSync(logFile));
console.log(`\nEmbedded database (PGlite): ${embedded === 0 ? 'passed' : `failed (exit ${embedded})`}`);
console.log(`PostgreSQL server: ${server === 0 ? 'passed' : `failed (exit ${server})`}`);
process.exit(embedded === 0 && server === 0 ? 0 : 1);
