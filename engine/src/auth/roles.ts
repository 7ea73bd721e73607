/**
 * The platform's roles, as they appear in `realm_access.roles` of an access token (Keycloak realm
 * roles, or the built-in provider's). Ids are stable English words; labels are what users read.
 */
export const Role = {
  Citizen: 'citizen',
  Reception: 'reception',
  Specialist: 'specialist',
  Leader: 'leader',
  Clerk: 'clerk',
  Analyst: 'analyst',
  Admin: 'admin',
  Supervisor: 'supervisor',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  citizen: 'Công dân',
  reception: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên thụ lý',
  leader: 'Lãnh đạo',
  clerk: 'Văn thư',
  analyst: 'Chuyên viên nghiệp vụ',
  admin: 'Quản trị hệ thống',
  supervisor: 'Giám sát',
};

/** Roles that handle dossiers inside one agency. */
export const OFFICER_ROLES: readonly Role[] = [Role.Reception, Role.Specialist, Role.Leader, Role.Clerk];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}
