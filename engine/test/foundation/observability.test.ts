import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/environment.js';
import { backendName } from '../support/database.js';
import { childDatabase, type ChildDatabase } from './child.js';

describe(`metrics and request ids (${backendName})`, () => {
  let database: ChildDatabase;
  let app: INestApplication;
  let base: string;

  before(async () => {
    database = await childDatabase();
    app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...database.env }));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await database.dispose();
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return response.text();
  }

  function sample(metrics: string, series: string): number {
    const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  }

  it('is not served to a request that came through a proxy, whatever the spelling of its path', async () => {
    // The shipped nginx rule matched only "/metrics"; Express also routes "/metrics/" and "/Metrics".
    for (const path of ['/metrics', '/metrics/', '/Metrics', '/METRICS/']) {
      assert.equal((await fetch(`${base}${path}`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status, 404, path);
      assert.equal((await fetch(`${base}${path}`, { headers: { forwarded: 'for=203.0.113.7' } })).status, 404, path);
    }
    assert.equal((await fetch(`${base}/metrics/`)).status, 200, 'a direct scrape still works');
  });

  it('exposes the process metrics', async () => {
    const metrics = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      assert.match(metrics, new RegExp(`^${name} `, 'm'));
    }
  });

  it('counts requests by route template and status, with a latency histogram', async () => {
    const series = 'http_request_duration_seconds_count{method="GET",route="/health/live",status="200"}';
    const before = sample(await scrape(), series);
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${base}/health/live`)).status, 200);
    const metrics = await scrape();
    assert.equal(sample(metrics, series), before + 3);
    assert.equal(sample(metrics, 'http_requests_total{method="GET",route="/health/live",status="200"}'), before + 3);
    assert.match(metrics, /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health\/live",status="200"\}/);
  });

  it('labels unknown paths with one value instead of the raw URL', async () => {
    // Under /api: other paths may be client-side routes of the web app, answered with its page.
    assert.equal((await fetch(`${base}/api/no/such/page/123`)).status, 404);
    const metrics = await scrape();
    assert.match(metrics, /http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]/);
    assert.doesNotMatch(metrics, /no\/such\/page/);
  });

  it("echoes the caller's x-request-id and issues one when it is missing or unsafe", async () => {
    const kept = await fetch(`${base}/health/live`, { headers: { 'x-request-id': 'counter-7.2024-05-01' } });
    assert.equal(kept.headers.get('x-request-id'), 'counter-7.2024-05-01');

    const issued = await fetch(`${base}/health/live`);
    assert.match(issued.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);

    for (const offered of ['a'.repeat(500), 'id with spaces', '"quoted"']) {
      const replaced = await fetch(`${base}/health/live`, { headers: { 'x-request-id': offered } });
      assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, `kept ${offered}`);
    }
  });
});
