import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/environment.js';

describe('payment configuration', () => {
  const production = { NODE_ENV: 'production', SEED_DEMO_DATA: 'false', PKI_DIR: '/run/secrets/pki' };

  it('turns the sandbox bank off in production unless asked for, and then requires a real secret', () => {
    assert.equal(loadConfig({ NODE_ENV: 'development' }).PAYMENT_PROVIDER, 'sandbox');
    assert.equal(loadConfig(production).PAYMENT_PROVIDER, 'none');
    assert.throws(() => loadConfig({ ...production, PAYMENT_PROVIDER: 'sandbox' }), (e: Error) => e instanceof ConfigError && /PAYMENT_HASH_SECRET is required/.test(e.message));
    const secret = 'x'.repeat(32);
    assert.equal(loadConfig({ ...production, PAYMENT_PROVIDER: 'sandbox', PAYMENT_HASH_SECRET: secret }).PAYMENT_HASH_SECRET, secret);
  });

  it('refuses a short secret and a malformed merchant code, naming the variable', () => {
    assert.throws(() => loadConfig({ PAYMENT_HASH_SECRET: 'short' }), /PAYMENT_HASH_SECRET="short"/);
    assert.throws(() => loadConfig({ PAYMENT_MERCHANT_CODE: 'mã-sai' }), /PAYMENT_MERCHANT_CODE/);
    assert.throws(() => loadConfig({ PAYMENT_PROVIDER: 'paypal' }), /PAYMENT_PROVIDER/);
  });

  it('needs the national payment platform’s address, partner and agency codes to use it', () => {
    assert.throws(() => loadConfig({ PAYMENT_PROVIDER: 'national' }), (e: Error) =>
      ['NATIONAL_PAYMENT_URL', 'NATIONAL_PAYMENT_PARTNER_CODE', 'NATIONAL_PAYMENT_AGENCY_CODE'].every((name) => e.message.includes(name)),
    );
    const national = { PAYMENT_PROVIDER: 'national', NATIONAL_PAYMENT_URL: 'https://paygov.example/api', NATIONAL_PAYMENT_PARTNER_CODE: 'H45', NATIONAL_PAYMENT_AGENCY_CODE: '000.00.00.H45' };
    assert.equal(loadConfig(national).PAYMENT_PROVIDER, 'national');
  });
});
