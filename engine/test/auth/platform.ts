import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import * as oidc from 'openid-client';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/environment.js';
import { DEMO_PASSWORD } from '../../src/identity/demo-accounts.js';
import { createServerDatabase, dropServerDatabase, freshDataDir, serverUrl } from '../support/database.js';

/**
 * Where a test platform keeps its state. Reused across restarts: the same folder, database and
 * port (the issuer contains the address, so a restarted platform must keep it).
 */
export interface PlatformSite {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly port: number;
  readonly baseUrl: string;
  remove(): Promise<void>;
}

export async function createSite(): Promise<PlatformSite> {
  const dataDir = await freshDataDir('mot-cua-auth-');
  const databaseUrl = serverUrl ? await createServerDatabase(serverUrl) : undefined;
  const port = await freePort();
  return {
    dataDir,
    databaseUrl,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    async remove() {
      if (databaseUrl) await dropServerDatabase(serverUrl!, databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningPlatform {
  readonly app: INestApplication;
  readonly baseUrl: string;
  readonly issuer: string;
  close(): Promise<void>;
}

/**
 * Starts the whole platform (createApp) on the site, with the built-in provider unless env says
 * otherwise. The demo accounts and procedures are loaded; the demo dossiers are not unless a test
 * asks for them (SEED_DEMO_DOSSIERS=true): working them renders and signs a dozen PDFs in the
 * background, seconds of CPU that most tests do not look at.
 */
export async function startPlatform(site: PlatformSite, env: Record<string, string> = {}): Promise<RunningPlatform> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATA_DIR: site.dataDir,
    PORT: String(site.port),
    PUBLIC_URL: site.baseUrl,
    SEED_DEMO_DOSSIERS: 'false',
    ...(site.databaseUrl ? { DATABASE_URL: site.databaseUrl } : {}),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(site.port, '127.0.0.1');
  return {
    app,
    baseUrl: site.baseUrl,
    issuer: config.OIDC_ISSUER ?? `${site.baseUrl}/realms/${config.OIDC_REALM}`,
    close: () => app.close(),
  };
}

/** The port is taken from the OS (port 0), then released for the platform: the issuer must name it up front. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** openid-client configured for the web app's public client; plain HTTP is fine on loopback. */
export function webClient(issuer: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), 'mot-cua-web', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

export async function passwordLogin(client: oidc.Configuration, username: string, password = DEMO_PASSWORD): Promise<string> {
  const tokens = await oidc.genericGrantRequest(client, 'password', { username, password, scope: 'openid profile email' });
  return tokens.access_token;
}

export function api(baseUrl: string, path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${baseUrl}${path}`, { ...init, headers });
}
