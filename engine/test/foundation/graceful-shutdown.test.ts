import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { backendName } from '../support/database.js';
import { childDatabase, freePort, mainScript, startNode, stop, waitUntilReady } from './child.js';

describe(`graceful shutdown (${backendName})`, () => {
  it('finishes a request in flight after SIGTERM, refuses new ones, then exits 0', { timeout: 120_000 }, async () => {
    const database = await childDatabase();
    const port = await freePort();
    const child = startNode(mainScript, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug', // probe requests are logged at debug level
      HOST: '127.0.0.1',
      PORT: String(port),
      ...database.env,
    });
    try {
      await waitUntilReady(child, `http://127.0.0.1:${port}/health/ready`);

      // A slow client: the request is on the wire but its body is only half sent when SIGTERM comes.
      const body = JSON.stringify({ note: 'slow upload' });
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.write(
        'GET /health/ready HTTP/1.1\r\nHost: platform\r\nConnection: close\r\nX-Request-Id: slow-client-1\r\nExpect: 100-continue\r\n' +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
          body.slice(0, 5),
      );
      // The interim "100 Continue" says the server has read the headers: the request is in flight.
      await waitForOutput(() => answer, /^HTTP\/1\.1 100 Continue\r\n\r\n/);
      child.process.kill('SIGTERM');
      await waitForOutput(() => child.stdout(), /SIGTERM received/);

      const refused = await fetch(`http://127.0.0.1:${port}/health/live`).then(
        (response) => response.status,
        () => 'connection refused',
      );
      assert.ok(refused === 503 || refused === 'connection refused', `a new request got ${refused}`);
      assert.equal(child.process.exitCode, null, 'the process waits for the request in flight');

      // write, not end: a client that half-closes before the answer has abandoned its request
      socket.write(body.slice(5));
      await once(socket, 'close');
      answer = answer.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      assert.match(answer, /^HTTP\/1\.1 200 /, `no answer to the request in flight; platform output:\n${child.stdout()}${child.stderr()}`);
      assert.match(answer, /"database":"up"/, 'the database stays open until requests in flight are done');
      assert.match(answer, /x-request-id: slow-client-1/i);

      assert.equal(await child.exited, 0);
      const logged = child
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { message?: { event?: string; requestId?: string; route?: string; status?: number } });
      const entry = logged.find((line) => line.message?.requestId === 'slow-client-1');
      assert.ok(entry, `no request log line for slow-client-1 in:\n${child.stdout()}`);
      assert.equal(entry.message?.event, 'http_request');
      assert.equal(entry.message?.route, '/health/ready');
      assert.equal(entry.message?.status, 200);
    } finally {
      stop(child);
      await database.dispose();
    }
  });
});

async function waitForOutput(output: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (Date.now() > deadline) assert.fail(`no output matching ${pattern}:\n${output()}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
