import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';
import { ConfigError, type AppConfig } from '../config/environment.js';

/** Another platform instance and the agencies whose consultations it answers. */
export interface Peer {
  readonly id: string;
  /** Base address; messages go to <url>/api/federation/messages. */
  readonly url: string;
  readonly publicJwk: JWK;
  readonly publicKey: CryptoKey;
  readonly alg: string;
  readonly agencies: readonly string[];
}

export interface FederationSettings {
  readonly instanceId: string;
  readonly signingKey: CryptoKey;
  readonly alg: string;
  readonly kid: string;
  /** Public half of the signing key, as served at the well-known address. */
  readonly publicJwk: JWK;
  readonly peers: readonly Peer[];
  readonly maxAgeSeconds: number;
  readonly retryMaxSeconds: number;
}

export const FEDERATION_SETTINGS = Symbol('FEDERATION_SETTINGS');

const KEY_FILE = 'federation-key.json';
const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Reads FEDERATION_* once at start; a bad value stops the start with a message naming it. */
export async function loadFederationSettings(config: AppConfig): Promise<FederationSettings> {
  const instanceId = config.FEDERATION_INSTANCE_ID ?? config.PUBLIC_URL;
  const privateJwk = config.FEDERATION_SIGNING_KEY
    ? (readJson('FEDERATION_SIGNING_KEY', config.FEDERATION_SIGNING_KEY) as JWK)
    : loadOrCreateKey(config.DATA_DIR);
  const alg = algorithmOf('FEDERATION_SIGNING_KEY', privateJwk);
  if (!privateJwk.d) fail('FEDERATION_SIGNING_KEY', 'must be a private key (the JWK has no "d")');
  const { d: _d, ...publicPart } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicPart));
  const publicJwk: JWK = { kty: publicPart.kty, crv: publicPart.crv, x: publicPart.x, ...(publicPart.y ? { y: publicPart.y } : {}), kid, alg, use: 'sig' };
  const signingKey = (await importJWK(privateJwk, alg).catch((error: Error) => fail('FEDERATION_SIGNING_KEY', error.message))) as CryptoKey;
  const peers = config.FEDERATION_PEERS ? await parsePeers(readJson('FEDERATION_PEERS', config.FEDERATION_PEERS), instanceId) : [];
  return { instanceId, signingKey, alg, kid, publicJwk, peers, maxAgeSeconds: config.FEDERATION_MAX_AGE_SECONDS, retryMaxSeconds: config.FEDERATION_RETRY_MAX_SECONDS };
}

async function parsePeers(value: unknown, instanceId: string): Promise<Peer[]> {
  if (!Array.isArray(value)) fail('FEDERATION_PEERS', 'must be a JSON array of {"id", "url", "publicKey", "agencies"}');
  const peers: Peer[] = [];
  const owners = new Map<string, string>();
  for (const [i, entry] of (value as Record<string, unknown>[]).entries()) {
    const at = `FEDERATION_PEERS[${i}]`;
    const { id, url, publicKey, agencies } = entry ?? {};
    if (typeof id !== 'string' || !id) fail(`${at}.id`, 'must be the peer instance id');
    if (id === instanceId) fail(`${at}.id`, `is this instance's own id (${instanceId})`);
    if (peers.some((p) => p.id === id)) fail(`${at}.id`, `${id} is listed twice`);
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) fail(`${at}.url`, 'must be an http(s) address');
    if (typeof publicKey !== 'object' || publicKey === null) fail(`${at}.publicKey`, 'must be the peer’s public key as a JWK');
    const jwk = publicKey as JWK;
    if (jwk.d) fail(`${at}.publicKey`, 'is a private key; give only the public half');
    const alg = algorithmOf(`${at}.publicKey`, jwk);
    const key = (await importJWK(jwk, alg).catch((error: Error) => fail(`${at}.publicKey`, error.message))) as CryptoKey;
    if (!Array.isArray(agencies) || agencies.some((a) => typeof a !== 'string' || !AGENCY_CODE.test(a))) fail(`${at}.agencies`, 'must be an array of agency codes');
    for (const agency of agencies as string[]) {
      if (owners.has(agency)) fail(`${at}.agencies`, `${agency} is already served by ${owners.get(agency)}`);
      owners.set(agency, id);
    }
    peers.push({ id, url: url.replace(/\/+$/, ''), publicJwk: jwk, publicKey: key, alg, agencies: agencies as string[] });
  }
  return peers;
}

/** EdDSA for Ed25519 keys, ES256 for P-256 ones: the two that are small, fast and widely supported. */
function algorithmOf(variable: string, jwk: JWK): string {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  return fail(variable, `must be an Ed25519 (OKP) or P-256 (EC) key; got kty=${jwk.kty} crv=${jwk.crv}`);
}

/** Inline JSON, or the path of a JSON file. */
function readJson(variable: string, value: string): unknown {
  const text = value.trimStart().startsWith('{') || value.trimStart().startsWith('[') ? value : readFile(variable, value);
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(variable, `is not valid JSON: ${(error as Error).message}`);
  }
}

function readFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return fail(variable, `cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * The generated key, created on first start. Written aside then hard-linked, so replicas sharing
 * DATA_DIR that start together agree on one key.
 */
function loadOrCreateKey(dataDir: string): JWK {
  const directory = resolve(dataDir);
  const file = join(directory, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(directory, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, JSON.stringify(privateKey.export({ format: 'jwk' }), null, 2), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as JWK;
}

function fail(variable: string, message: string): never {
  throw new ConfigError(`Invalid configuration:\n  - ${variable}: ${message}`);
}
