import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { backendName } from '../support/database.js';
import { childDatabase, freePort, startNode, stop, waitUntilReady } from './child.js';

/**
 * The container's start command (Dockerfile CMD) run natively: same script, production mode, the
 * database from the environment and no external identity provider.
 */
describe(`production start command (${backendName})`, () => {
  it('starts with NODE_ENV=production and answers /health/ready', { timeout: 120_000 }, async () => {
    const database = await childDatabase();
    const port = await freePort();
    // Production needs a folder of agency keys; an empty one starts (each agency's file is needed at its first signature).
    const pki = mkdtempSync(join(tmpdir(), 'mot-cua-pki-'));
    const child = startNode('engine/dist/src/main.js', {
      NODE_ENV: 'production',
      PKI_DIR: pki,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...database.env,
    });
    try {
      await waitUntilReady(child, `http://127.0.0.1:${port}/health/ready`);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      assert.deepEqual(await ready.json(), { status: 'ok', database: 'up' });
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text());
      assert.match(metrics, /http_request_duration_seconds_count\{method="GET",route="\/health\/ready",status="200"\} [1-9]/);
      assert.match(child.stdout(), /"message":"Một cửa BPM is running at http:\/\/localhost:\d+"/);
      for (const line of child.stdout().split('\n').filter(Boolean)) {
        assert.doesNotThrow(() => JSON.parse(line), `a production log line is not JSON: ${line}`);
      }
      child.process.kill('SIGTERM');
      assert.equal(await child.exited, 0);
    } finally {
      stop(child);
      await database.dispose();
      rmSync(pki, { recursive: true, force: true });
    }
  });
});
