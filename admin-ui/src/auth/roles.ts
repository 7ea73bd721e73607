/** The platform's roles, as the API names them (realm roles of the access token). */
export type Role = 'citizen' | 'reception' | 'specialist' | 'leader' | 'clerk' | 'analyst' | 'admin' | 'supervisor';

export type Area = 'portal' | 'worklist' | 'counter' | 'dashboard' | 'studio';

/** Which roles may enter each area; the portal's public pages need no role at all. */
export const AREA_ROLES: Record<Area, readonly Role[]> = {
  portal: ['citizen'],
  worklist: ['reception', 'specialist', 'leader', 'clerk'],
  counter: ['reception'],
  dashboard: ['supervisor', 'leader'],
  studio: ['analyst', 'admin'],
};

export const AREA_PATHS: Record<Area, string> = {
  portal: '/portal',
  worklist: '/worklist',
  counter: '/counter',
  dashboard: '/dashboard',
  studio: '/studio',
};

/** Navigation order; a user sees the areas his roles open. */
const ORDER: readonly Area[] = ['studio', 'worklist', 'counter', 'dashboard', 'portal'];

export function areasFor(roles: readonly Role[]): Area[] {
  return ORDER.filter((area) => AREA_ROLES[area].some((role) => roles.includes(role)));
}

/** Where a user lands after signing in: the first area of his roles, else the public portal. */
export function homeArea(roles: readonly Role[]): Area {
  return areasFor(roles)[0] ?? 'portal';
}
