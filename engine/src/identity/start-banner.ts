import { resolve } from 'node:path';
import type { AppConfig } from '../config/environment.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SIGNING_PIN } from './demo-accounts.js';
import { ROLE_LABELS } from '../auth/roles.js';

/**
 * One account per kind of user, enough to walk every role, and the provincial centre's counter,
 * which receives for any agency; the rest follow the same naming.
 */
const SHOWN = ['citizen1', 'reception.sxd', 'reception.ttpvhcc', 'specialist.sxd', 'leader.sxd', 'clerk.sxd', 'analyst.hongha', 'supervisor', 'admin'];

/**
 * What `npm start` prints in development once the platform listens: where to go, whom to sign in
 * as, and where the data lives. Short enough to read without scrolling.
 */
export function startBanner(config: AppConfig): string {
  const url = config.PUBLIC_URL;
  const lines = [`Một cửa BPM đang chạy: ${url}   (API: ${url}/api/docs)`];
  if (config.SEED_DEMO_DATA) {
    const shown = DEMO_ACCOUNTS.filter((a) => SHOWN.includes(a.username));
    const width = Math.max(...shown.map((a) => a.username.length));
    lines.push('', `Tài khoản demo, mật khẩu ${DEMO_PASSWORD}:`);
    for (const account of shown) lines.push(`  ${account.username.padEnd(width)}  ${account.roles.map((r) => ROLE_LABELS[r]).join(', ')}`);
    lines.push(`  (các cơ quan khác: <vai trò>.<cơ quan>, ví dụ specialist.ca; ${DEMO_ACCOUNTS.length} tài khoản)`);
    lines.push(`  Mã PIN ký số của lãnh đạo: ${DEMO_SIGNING_PIN} (lần phê duyệt đầu tiên đặt mã PIN của khóa ký cá nhân)`);
  }
  lines.push('', `Dữ liệu: ${config.DATABASE_URL ? `PostgreSQL ${redacted(config.DATABASE_URL)}` : `PGlite trong ${resolve(config.DATA_DIR)}`}; tệp tải lên trong ${resolve(config.DATA_DIR, 'files')}`);
  return lines.join('\n');
}

/** The server address without its password. */
function redacted(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
