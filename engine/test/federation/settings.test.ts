import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/environment.js';
import { loadFederationSettings } from '../../src/federation/federation-settings.js';
import { keyPair } from './support.js';

describe('federation settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-federation-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadFederationSettings(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'https://motcua.example.gov.vn', ...env }));

  test('without a configured key one is generated on first start under DATA_DIR and kept', async () => {
    const first = await load({});
    assert.equal(first.instanceId, 'https://motcua.example.gov.vn', 'the public address is the default id');
    assert.equal(first.alg, 'EdDSA');
    const stored = JSON.parse(readFileSync(join(dataDir, 'federation-key.json'), 'utf8')) as { x: string; d: string };
    assert.equal(stored.x, first.publicJwk.x);
    assert.ok(stored.d);
    assert.equal(first.publicJwk.d, undefined);
    const again = await load({});
    assert.equal(again.publicJwk.x, first.publicJwk.x, 'the same key after a restart');
    assert.equal(again.kid, first.kid);
  });

  test('peers are read inline or from a file; mistakes name the setting', async () => {
    const peer = { id: 'thue', url: 'http://127.0.0.1:9/', publicKey: keyPair().publicJwk, agencies: ['CT'] };
    const file = join(dataDir, 'peers.json');
    writeFileSync(file, JSON.stringify([peer]));
    const fromFile = await load({ FEDERATION_PEERS: file });
    assert.deepEqual(fromFile.peers.map((p) => [p.id, p.url, p.agencies]), [['thue', 'http://127.0.0.1:9', ['CT']]]);

    await assert.rejects(load({ FEDERATION_PEERS: JSON.stringify([{ ...peer, publicKey: keyPair().privateJwk }]) }), /FEDERATION_PEERS\[0\]\.publicKey: is a private key/);
    await assert.rejects(load({ FEDERATION_PEERS: JSON.stringify([peer, { ...peer, id: 'other' }]) }), /FEDERATION_PEERS\[1\]\.agencies: CT is already served by thue/);
    await assert.rejects(load({ FEDERATION_PEERS: JSON.stringify([{ ...peer, url: 'ftp://x' }]) }), /FEDERATION_PEERS\[0\]\.url/);
    await assert.rejects(load({ FEDERATION_PEERS: '[{' }), /FEDERATION_PEERS: is not valid JSON/);
    await assert.rejects(load({ FEDERATION_SIGNING_KEY: JSON.stringify(keyPair().publicJwk) }), /FEDERATION_SIGNING_KEY: must be a private key/);
  });
});
