import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { backendName } from '../support/database.js';
import { childDatabase, engineRoot, freePort, mainScript, startNode, stop, waitUntilReady } from './child.js';

const holder = join(engineRoot, 'dist/test/foundation/fixtures/lock-holder.js');

/** Runs the lock holder (optionally under a command such as unshare) and resolves with its first line. */
function tryToHold(dataDir: string, prefix: string[] = []) {
  const [command, ...args] = [...prefix, process.execPath, holder];
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited ${code} without a word`)));
  });
  return { child, firstLine };
}

/** Unprivileged machines cannot make PID namespaces; the test says so instead of passing. */
const pidNamespaces = spawnSync('unshare', ['--pid', '--fork', '--kill-child', 'true']).status === 0;

// The lock guards the embedded database only; a server run has nothing more to show here.
describe('embedded data directory lock', { skip: backendName !== 'pglite' && 'server run' }, () => {
  it('refuses a second process on the same data directory and lets a restart after SIGKILL take over', { timeout: 180_000 }, async () => {
    const database = await childDatabase();
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...database.env };
    const ports = [await freePort(), await freePort(), await freePort()];
    const first = startNode(mainScript, { ...env, PORT: String(ports[0]) });
    let third: ReturnType<typeof startNode> | undefined;
    try {
      await waitUntilReady(first, `http://127.0.0.1:${ports[0]}/health/ready`);

      const second = startNode(mainScript, { ...env, PORT: String(ports[1]) });
      assert.equal(await second.exited, 1);
      assert.match(second.stderr(), new RegExp(`is in use by process ${first.process.pid}`));
      assert.match(second.stderr(), /DATABASE_URL/, 'the message names the way to run several processes');
      assert.doesNotMatch(second.stderr(), /\n\s+at /);

      first.crash();
      await first.exited;
      third = startNode(mainScript, { ...env, PORT: String(ports[2]) });
      await waitUntilReady(third, `http://127.0.0.1:${ports[2]}/health/ready`);
      third.process.kill('SIGTERM');
      assert.equal(await third.exited, 0);
    } finally {
      stop(first);
      if (third) stop(third);
      await database.dispose();
    }
  });

  it('holds against a process in another PID namespace (a second container on the same volume)', { skip: !pidNamespaces && 'unshare --pid needs root here' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mot-cua-lock-'));
    const first = tryToHold(dir);
    try {
      assert.equal(await first.firstLine, 'held');
      const second = tryToHold(dir, ['unshare', '--pid', '--fork', '--kill-child']);
      try {
        assert.match(await second.firstLine.catch((e: Error) => e.message), /^refused: .*in use/);
      } finally {
        second.child.kill('SIGKILL');
      }
    } finally {
      first.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the directory to exactly one of two processes starting at once, and to the next one when its holder is killed', { timeout: 120_000 }, async () => {
    for (let trial = 0; trial < 10; trial++) {
      const dir = mkdtempSync(join(tmpdir(), 'mot-cua-lock-'));
      const pair = [tryToHold(dir), tryToHold(dir)];
      try {
        const lines = await Promise.all(pair.map((p) => p.firstLine.catch((e: Error) => e.message)));
        assert.equal(lines.filter((line) => line === 'held').length, 1, `trial ${trial}: ${lines.join(' | ')}`);
        const winner = pair[lines.indexOf('held')].child;
        winner.kill('SIGKILL');
        await once(winner, 'exit');
        const next = tryToHold(dir);
        try {
          assert.equal(await next.firstLine, 'held');
        } finally {
          next.child.kill('SIGKILL');
        }
      } finally {
        for (const p of pair) p.child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('waits for the lock of a holder killed a moment ago instead of refusing to start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mot-cua-lock-'));
    // What a killed platform leaves for an instant: its flock child still holds the lock (here
    // for about a second), and the file names a process that no longer exists.
    const orphan = spawn('flock', ['--exclusive', join(dir, '.lock'), 'sh', '-c', 'echo held; sleep 1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => orphan.stdout.once('data', () => resolve()));
      const gone = spawn('true');
      await once(gone, 'exit');
      writeFileSync(join(dir, '.lock'), String(gone.pid));
      const next = tryToHold(dir);
      try {
        assert.equal(await next.firstLine, 'held', 'the restart takes the lock once the orphan lets go');
      } finally {
        next.child.kill('SIGKILL');
      }
    } finally {
      orphan.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
