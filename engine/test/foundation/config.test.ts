import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mainScript, startNode } from './child.js';

describe('configuration at start', () => {
  it('exits 1 naming the variable when a value is invalid', async () => {
    const child = startNode(mainScript, { PORT: 'eighty', DATA_DIR: '/nonexistent/never-created' });
    assert.equal(await child.exited, 1);
    assert.match(child.stderr(), /Invalid configuration/);
    assert.match(child.stderr(), /- PORT=.*PORT must be an integer number/);
    assert.doesNotMatch(child.stderr(), /\n\s+at /, 'an operator mistake is reported without a stack trace');
  });

  it('reports every invalid variable at once', async () => {
    const child = startNode(mainScript, { DATABASE_URL: 'mysql://db/x', WORKFLOW_ENGINE: 'camunda7', LOG_LEVEL: 'loud' });
    assert.equal(await child.exited, 1);
    for (const name of ['DATABASE_URL', 'WORKFLOW_ENGINE', 'LOG_LEVEL']) assert.match(child.stderr(), new RegExp(`${name}=`));
  });

  it('refuses the password grant in production', async () => {
    const child = startNode(mainScript, { NODE_ENV: 'production', IDP_PASSWORD_GRANT: 'true' });
    assert.equal(await child.exited, 1);
    assert.match(child.stderr(), /IDP_PASSWORD_GRANT must not be enabled when NODE_ENV=production/);
  });

  it('refuses to start production with the demo accounts or without the agencies’ signing keys', async () => {
    const child = startNode(mainScript, { NODE_ENV: 'production', SEED_DEMO_DATA: 'true' });
    assert.equal(await child.exited, 1);
    assert.match(child.stderr(), /SEED_DEMO_DATA must not be true when NODE_ENV=production/);
    assert.match(child.stderr(), /PKI_DIR is required when NODE_ENV=production/);
  });

  it('VNeID sign-in needs its client with the issuer, and an https issuer in production', async () => {
    const partial = startNode(mainScript, { VNEID_ISSUER: 'https://vneid.example.gov.vn' });
    assert.equal(await partial.exited, 1);
    for (const name of ['VNEID_CLIENT_ID', 'VNEID_CLIENT_SECRET']) assert.match(partial.stderr(), new RegExp(`- ${name}=`));

    const plain = startNode(mainScript, { NODE_ENV: 'production', VNEID_ISSUER: 'http://vneid.example.gov.vn', VNEID_CLIENT_ID: 'mot-cua', VNEID_CLIENT_SECRET: 'secret' });
    assert.equal(await plain.exited, 1);
    assert.match(plain.stderr(), /VNEID_ISSUER must be an https address when NODE_ENV=production/);
  });
});
