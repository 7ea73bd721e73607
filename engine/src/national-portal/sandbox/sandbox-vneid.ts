import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { Provider, type Configuration } from 'oidc-provider';
import { escapeHtml } from '../../identity/pages.js';

/**
 * A stand-in for VNeID, the national electronic identification app, as an OpenID provider:
 * authorization code with PKCE, confidential clients, RS256 ID tokens carrying the citizen's
 * personal identification number, name and date of birth. Instead of the VNeID app's approval the
 * citizen picks one of the sample citizens on its page. For tests and demonstrations only.
 */

export interface SandboxCitizen {
  /** Số định danh cá nhân: 12 digits. */
  personalId: string;
  name: string;
  /** YYYY-MM-DD, as OpenID Connect's `birthdate`. */
  birthdate: string;
}

/**
 * Sample citizens. Their numbers follow the structure of the personal identification number
 * (Decree 137/2015/NĐ-CP art. 13; Circular 59/2021/TT-BCA art. 7): province of birth registration
 * (001 Hà Nội, 079 Hồ Chí Minh City, 048 Đà Nẵng), century and sex (0 male / 1 female born in the
 * 1900s, 2 male born in the 2000s), the last two digits of the birth year, then six digits.
 */
export const SANDBOX_CITIZENS: readonly SandboxCitizen[] = [
  { personalId: '001185012345', name: 'Trần Thị Bình', birthdate: '1985-03-14' },
  { personalId: '079092004321', name: 'Lê Văn Cường', birthdate: '1992-11-02' },
  { personalId: '048201007890', name: 'Phạm Minh Đức', birthdate: '2001-07-25' },
];

export interface SandboxVneidClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface SandboxVneidOptions {
  /** 0: any free port. */
  port?: number;
  /** Claim carrying the personal identification number. */
  idClaim?: string;
  clients: SandboxVneidClient[];
}

/** How the sandbox spoils the next ID tokens it issues, to show that the relying party refuses them. */
export type IdTokenFault = 'signature' | 'audience';

export class SandboxVneid {
  private server?: Server;
  private provider?: Provider;
  private readonly key: KeyObject;
  private readonly kid = randomUUID();
  /** Set to spoil every ID token from the token endpoint; undefined issues them as they are. */
  fault?: IdTokenFault;

  private constructor(private readonly options: SandboxVneidOptions) {
    this.key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  static async start(options: SandboxVneidOptions): Promise<SandboxVneid> {
    const sandbox = new SandboxVneid(options);
    await sandbox.listen(options.port ?? 0);
    return sandbox;
  }

  get issuer(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port ?? 0}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    // The issuer names the port, known only once listening.
    this.provider = this.createProvider();
  }

  private createProvider(): Provider {
    const idClaim = this.options.idClaim ?? 'citizen_id';
    const jwk = { ...this.key.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' };
    const configuration: Configuration = {
      clients: this.options.clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: [c.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      jwks: { keys: [jwk] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      pkce: { required: () => true },
      scopes: ['openid', 'profile'],
      claims: { openid: ['sub', idClaim], profile: ['name', 'birthdate'] },
      // The relying party reads the citizen from the signed ID token alone.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      findAccount: (_ctx, sub) => {
        const citizen = SANDBOX_CITIZENS.find((c) => subject(c) === sub);
        if (!citizen) return undefined;
        return { accountId: sub, claims: () => ({ sub, [idClaim]: citizen.personalId, name: citizen.name, birthdate: citizen.birthdate }) };
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // The citizen's pick stands for the app's approval: no separate consent.
      async loadExistingGrant(ctx) {
        const { client, session, provider } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
        grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
        await grant.save();
        return grant;
      },
      ttl: { AuthorizationCode: 60, IdToken: 300, AccessToken: 300, Interaction: 600, Session: 600, Grant: 600 },
    };
    const provider = new Provider(this.issuer, configuration);
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (this.fault && ctx.path === '/token' && body?.id_token) body.id_token = await this.spoil(body.id_token, this.fault);
    });
    return provider;
  }

  /** Re-signs the ID token with another key under the same key id, or with the right key for another audience. */
  private async spoil(idToken: string, fault: IdTokenFault): Promise<string> {
    const { kid } = decodeProtectedHeader(idToken);
    const claims = decodeJwt(idToken);
    const key = fault === 'signature' ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : this.key;
    const payload = fault === 'audience' ? { ...claims, aud: 'another-service' } : claims;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const provider = this.provider!;
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(request.url ?? '/', this.issuer).pathname);
    if (!match) return provider.callback()(request, response);
    try {
      const interaction = await provider.interactionDetails(request, response);
      if (interaction.uid !== match[1]) throw new Error('another interaction');
      if (request.method === 'POST' && match[2]) {
        const form = new URLSearchParams(await readBody(request));
        const citizen = SANDBOX_CITIZENS.find((c) => c.personalId === form.get('citizen'));
        if (!citizen) {
          response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Không có công dân này');
          return;
        }
        await provider.interactionFinished(request, response, { login: { accountId: subject(citizen) } }, { mergeWithLastSubmission: false });
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(choicePage(match[1]));
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Phiên đăng nhập VNeID không hợp lệ hoặc đã hết hạn');
    }
  }
}

/** VNeID's subject is not the personal number: relying parties must read the number from its own claim. */
function subject(citizen: SandboxCitizen): string {
  return `vneid-sandbox-${citizen.personalId.split('').reverse().join('')}`;
}

function choicePage(uid: string): string {
  const buttons = SANDBOX_CITIZENS.map(
    (c) =>
      `<button type="submit" name="citizen" value="${escapeHtml(c.personalId)}">${escapeHtml(c.name)} · ${escapeHtml(c.personalId)} · ${escapeHtml(c.birthdate)}</button>`,
  ).join('\n');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>VNeID (môi trường thử nghiệm)</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto}button{display:block;width:100%;margin:8px 0;padding:10px}</style></head>
<body><h1>VNeID (môi trường thử nghiệm)</h1><p>Chọn công dân để xác thực:</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
${buttons}
</form></body></html>`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
