import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** Secrets of the built-in OpenID provider; kept under DATA_DIR so tokens and sessions survive restarts. */
export interface IdentityKeys {
  /** Private RS256 signing keys (JWK), newest first. */
  readonly signing: JWK[];
  /** Keys that sign the provider's cookies, newest first. */
  readonly cookies: string[];
}

const FILE_NAME = 'identity-keys.json';

/**
 * Reads the keys, generating them on first start. The file is created atomically (write aside,
 * then hard-link), so replicas sharing DATA_DIR agree on one set even if they start together.
 */
export async function loadOrCreateIdentityKeys(dataDir: string): Promise<IdentityKeys> {
  const directory = resolve(dataDir);
  const file = join(directory, FILE_NAME);
  if (!existsSync(file)) {
    mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, JSON.stringify(await generateKeys(), null, 2), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as IdentityKeys;
  if (!Array.isArray(keys.signing) || keys.signing.length === 0 || !Array.isArray(keys.cookies)) {
    throw new Error(`${file} is not a valid identity key file; remove it to generate new keys (all sessions end)`);
  }
  return keys;
}

/** The public half of the signing keys, as published at the JWKS endpoint. */
export function publicJwks(keys: IdentityKeys): { keys: JWK[] } {
  return { keys: keys.signing.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) };
}

async function generateKeys(): Promise<IdentityKeys> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return {
    signing: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }],
    cookies: [randomBytes(32).toString('base64url')],
  };
}
