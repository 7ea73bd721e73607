import { ROLE_LABELS, Role } from '../auth/roles.js';

export interface DemoAgency {
  readonly code: string;
  readonly name: string;
}

/**
 * Two provincial departments that show every cross-agency rule, plus the agencies that implement
 * or are consulted by the shipped procedures (processes/agencies.json), so each can be run end to end.
 */
export const DEMO_AGENCIES: readonly DemoAgency[] = [
  { code: 'SXD', name: 'Sở Xây dựng' },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường' },
  { code: 'UBND-XA-HH', name: 'Ủy ban nhân dân phường Hồng Hà' },
  { code: 'UBND-XA-BC', name: 'Ủy ban nhân dân phường Bãi Cháy' },
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh' },
  { code: 'VPDK', name: 'Văn phòng đăng ký đất đai' },
  { code: 'CA', name: 'Công an tỉnh' },
  { code: 'HSNV', name: 'Cục Hồ sơ nghiệp vụ' },
  { code: 'CT', name: 'Thuế tỉnh' },
];

export interface DemoAccount {
  /** Fixed, so the Keycloak realm export and the built-in provider give the same subject. */
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly agencyCode?: string;
  readonly citizenId?: string;
}

/** Shared by every demo account; printed at start and never valid in production data. */
export const DEMO_PASSWORD = 'demo123';

/**
 * The signing PIN of the demo leaders: a leader's first approval sets the PIN of her key (the
 * development CA issues it then), and the demo dossiers approve with this one.
 */
export const DEMO_SIGNING_PIN = '246810';

const id = (n: number) => `d0000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

const officerRoles = [Role.Reception, Role.Specialist, Role.Leader, Role.Clerk, Role.Analyst] as const;

/** One account per role, named `<role>.<suffix>`; `roles` narrows it (a consulted agency needs only some). */
const officers = (
  agency: string,
  first: number,
  names: readonly string[],
  suffix = agency.toLowerCase(),
  roles: readonly Role[] = officerRoles,
): DemoAccount[] =>
  roles.map((role, i) => ({
    id: id(first + i),
    username: `${role}.${suffix}`,
    displayName: names[i],
    email: `${role}.${suffix}@demo.mot-cua.local`,
    roles: [role],
    agencyCode: agency,
  }));

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: id(1),
    username: 'citizen1',
    displayName: 'Nguyễn Văn An',
    email: 'citizen1@demo.mot-cua.local',
    roles: [Role.Citizen],
    citizenId: '022090001234',
  },
  {
    id: id(2),
    username: 'citizen2',
    displayName: 'Trần Thị Bình',
    email: 'citizen2@demo.mot-cua.local',
    roles: [Role.Citizen],
    citizenId: '022190005678',
  },
  ...officers('SXD', 11, ['Phạm Minh Châu', 'Lê Quốc Dũng', 'Hoàng Văn Đức', 'Vũ Thị Hà', 'Đỗ Thanh Hải']),
  ...officers('STNMT', 21, ['Bùi Thị Lan', 'Ngô Văn Minh', 'Đặng Thị Ngọc', 'Trịnh Văn Phúc', 'Lý Thị Quỳnh']),
  ...officers('UBND-XA-HH', 41, ['Nguyễn Thị Hoa', 'Trần Văn Khoa', 'Lê Thị Mai', 'Phạm Văn Nam', 'Hồ Thị Oanh'], 'hongha'),
  ...officers('VPDK', 51, ['Đinh Văn Phong', 'Cao Thị Quế', 'Lương Văn Sáng', 'Tạ Thị Thu', 'Mạc Văn Tùng'], 'vpdk'),
  // The provincial police issue the criminal record certificate (since 1/3/2025) and answer the
  // construction permit's consultations; the records department answers the police's verifications.
  ...officers('CA', 70, ['Kiều Thị Uyên', 'Thái Văn Bảo', 'Quách Thị Cúc', 'Dương Văn Yên', 'Giang Thị Ánh'], 'ca'),
  ...officers('HSNV', 111, ['Tôn Văn Hiếu', 'La Thị Kim'], 'hsnv', [Role.Specialist, Role.Leader]),
  ...officers('CT', 81, ['Triệu Văn Định', 'Viên Thị Gấm'], 'thue', [Role.Specialist, Role.Leader]),
  // A second commune offering the commune-level procedures, and the provincial centre whose
  // reception officers receive dossiers for any agency (Decree 118/2025).
  ...officers('UBND-XA-BC', 91, ['Vương Thị Hằng', 'Phùng Văn Lực', 'Bạch Thị Nhung', 'Khúc Văn Quang'], 'baichay', [Role.Reception, Role.Specialist, Role.Leader, Role.Clerk]),
  ...officers('TTPVHCC', 101, ['Doãn Thị Phương'], 'ttpvhcc', [Role.Reception]),
  {
    id: id(31),
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    email: 'admin@demo.mot-cua.local',
    roles: [Role.Admin],
  },
  {
    id: id(32),
    username: 'supervisor',
    displayName: 'Mai Văn Sơn',
    email: 'supervisor@demo.mot-cua.local',
    roles: [Role.Supervisor],
  },
];

export function demoAccount(username: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`No demo account named ${username}`);
  return account;
}

/** A short table of the demo logins, for the start-up banner of a development instance. */
export function demoLoginTable(): string {
  const rows = DEMO_ACCOUNTS.map((a) => [
    a.username,
    DEMO_PASSWORD,
    a.roles.map((r) => ROLE_LABELS[r]).join(', '),
    a.agencyCode ?? '—',
  ]);
  const header = ['Tên đăng nhập', 'Mật khẩu', 'Vai trò', 'Cơ quan'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return ['Tài khoản demo (SEED_DEMO_DATA):', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join(
    '\n',
  );
}
