import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/environment.js';

/** The key of the links the national portal fetches files through, as the other secrets are handled (PAYMENT_HASH_SECRET). */
describe('national portal link key', () => {
  const production = { NODE_ENV: 'production', SEED_DEMO_DATA: 'false', PKI_DIR: '/run/secrets/pki' };
  const portal = {
    NATIONAL_PORTAL_AUTH_URL: 'https://dvc.example.gov.vn/auth',
    NATIONAL_PORTAL_SERVICE_URL: 'https://dvc.example.gov.vn/service',
    NATIONAL_PORTAL_USERNAME: 'tinh',
    NATIONAL_PORTAL_PASSWORD: 'mat-khau',
    NATIONAL_PORTAL_AGENCY_ID: '000.00.00.H40',
  };

  it('is required in production once the portal is configured, and not before', () => {
    assert.doesNotThrow(() => loadConfig(production));
    assert.throws(() => loadConfig({ ...production, ...portal }), (e: Error) => e instanceof ConfigError && /NATIONAL_PORTAL_LINK_SECRET is required/.test(e.message));
    const secret = 'k'.repeat(32);
    assert.equal(loadConfig({ ...production, ...portal, NATIONAL_PORTAL_LINK_SECRET: secret }).NATIONAL_PORTAL_LINK_SECRET, secret);
    assert.equal(loadConfig({ ...portal }).NATIONAL_PORTAL_LINK_SECRET, undefined, 'outside production the development key stands in');
  });

  it('refuses a short key, naming the variable', () => {
    assert.throws(() => loadConfig({ NATIONAL_PORTAL_LINK_SECRET: 'short' }), /NATIONAL_PORTAL_LINK_SECRET="short"/);
  });
});
