import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** Opens a route to anonymous callers (health checks, login pages). Every other route needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Requires at least one of the roles; a valid token without any of them gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
