import { SandboxPortal } from './sandbox-portal.js';

/**
 * Runs the sandbox portal as its own process, beside a platform configured with its addresses:
 *   SANDBOX_PORT=4600 SANDBOX_USERNAME=… SANDBOX_PASSWORD=… SANDBOX_AGENCY_ID=… \
 *   SANDBOX_PLATFORM_URL=http://localhost:3000 SANDBOX_INBOUND_SECRET=… node dist/src/national-portal/sandbox/main.js
 * POST /api/dossiers files a dossier (MaTTHC, MaDinhDanhDV, ChuHoSo, DuLieuToKhai, TaiLieuNop) and
 * delivers it to the platform; GET /api/dossiers/<MaHoSo> shows what the sandbox holds of one.
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
console.log(`Sandbox national portal at ${sandbox.url} (auth ${sandbox.authUrl}, service ${sandbox.serviceUrl})`);
process.on('SIGTERM', () => void sandbox.stop().then(() => process.exit(0)));
