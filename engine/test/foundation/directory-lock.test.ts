import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendName } from '../support/database.js';
import { childDatabase, freePort, mainScript, startNode, stop, waitUntilReady } from './child.js';

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
});
