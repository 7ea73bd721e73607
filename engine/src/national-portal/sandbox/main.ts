import { SandboxPortal } from './sandbox-portal.js';
import { SandboxVneid } from './sandbox-vneid.js';

/**
 * Runs the sandbox portal as its own process, beside a platform configured with its addresses:
 *   SANDBOX_PORT=4600 SANDBOX_USERNAME=… SANDBOX_PASSWORD=… SANDBOX_AGENCY_ID=… \
 *   SANDBOX_PLATFORM_URL=http://localhost:3000 SANDBOX_INBOUND_SECRET=… node dist/src/national-portal/sandbox/main.js
 * POST /api/dossiers files a dossier (MaTTHC, MaDinhDanhDV, ChuHoSo, DuLieuToKhai, TaiLieuNop) and
 * delivers it to the platform; GET /api/dossiers/<MaHoSo> shows what the sandbox holds of one, and
 * its page (GET /) all it received, in Vietnamese.
 *
 * Beside it runs the sandbox VNeID (SANDBOX_VNEID_PORT, default 4601) with one client
 * (SANDBOX_VNEID_CLIENT_ID, SANDBOX_VNEID_CLIENT_SECRET) returning to the platform's built-in
 * provider; start the platform with VNEID_ISSUER=<its address> and that client.
 */
const env = process.env;
const sandbox = await SandboxPortal.start({
  port: Number(env.SANDBOX_PORT ?? 4600),
  username: env.SANDBOX_USERNAME ?? 'sandbox',
  password: env.SANDBOX_PASSWORD ?? 'sandbox',
  agencyId: env.SANDBOX_AGENCY_ID ?? '000.00.00.H45',
  platformUrl: env.SANDBOX_PLATFORM_URL,
  inboundSecret: env.SANDBOX_INBOUND_SECRET,
});
const platformUrl = (env.SANDBOX_PLATFORM_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const vneid = await SandboxVneid.start({
  port: Number(env.SANDBOX_VNEID_PORT ?? 4601),
  clients: [
    {
      clientId: env.SANDBOX_VNEID_CLIENT_ID ?? 'mot-cua',
      clientSecret: env.SANDBOX_VNEID_CLIENT_SECRET ?? 'sandbox-vneid-secret',
      redirectUri: `${platformUrl}/realms/mot-cua/broker/vneid/endpoint`,
    },
  ],
});
console.log(`Sandbox national portal at ${sandbox.url} (auth ${sandbox.authUrl}, service ${sandbox.serviceUrl})`);
console.log(`Sandbox VNeID at ${vneid.issuer}`);
process.on('SIGTERM', () => void Promise.all([sandbox.stop(), vneid.stop()]).then(() => process.exit(0)));
