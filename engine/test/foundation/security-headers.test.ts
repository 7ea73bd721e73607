import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/environment.js';
import { backendName } from '../support/database.js';
import { childDatabase, type ChildDatabase } from './child.js';

/**
 * The headers the hardening review asked for (CSP, HSTS behind TLS, frame-ancestors, nosniff), as
 * the OWASP Secure Headers Project recommends them, on real responses of the platform.
 */
describe(`security headers (${backendName})`, () => {
  let database: ChildDatabase;
  let app: INestApplication | undefined;

  /** Starts the platform on the test database, after closing the previous one (one process per embedded database). */
  async function start(env: Record<string, string> = {}): Promise<string> {
    await app?.close();
    app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...database.env, ...env }));
    await app.listen(0, '127.0.0.1');
    return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }

  before(async () => {
    database = await childDatabase();
  });
  after(async () => {
    await app?.close();
    await database.dispose();
  });

  it('API and web app responses forbid sniffing, framing by other sites and foreign scripts', async () => {
    const base = await start();
    for (const path of ['/api/public/procedures', '/health/live', '/', '/api/no-such-route']) {
      const headers = (await fetch(`${base}${path}`)).headers;
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(headers.get('x-frame-options'), 'SAMEORIGIN', path);
      const policy = headers.get('content-security-policy') ?? '';
      assert.match(policy, /frame-ancestors 'self'/, path);
      assert.match(policy, /script-src 'self'(;|$)/, path);
      assert.match(policy, /object-src 'none'/, path);
      assert.equal(headers.get('strict-transport-security'), null, `${path}: no HSTS over plain http`);
      assert.equal(headers.get('x-powered-by'), null, path);
    }
  });

  it('behind TLS: HSTS, and the external OpenID provider is the only other origin the app may call', async () => {
    const base = await start({ PUBLIC_URL: 'https://motcua.example.gov.vn', OIDC_ISSUER: 'https://sso.example.gov.vn/realms/mot-cua' });
    const headers = (await fetch(`${base}/health/live`)).headers;
    assert.match(headers.get('strict-transport-security') ?? '', /max-age=31536000; includeSubDomains/);
    const policy = headers.get('content-security-policy') ?? '';
    assert.match(policy, /connect-src 'self' https:\/\/sso\.example\.gov\.vn(;|$)/);
    assert.match(policy, /upgrade-insecure-requests/);
  });
});
