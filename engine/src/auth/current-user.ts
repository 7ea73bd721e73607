import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './roles.js';

/** The caller as the API sees it, taken from a validated access token. */
export interface AuthenticatedUser {
  /** Subject of the token (`sub`): stable across logins. */
  readonly id: string;
  readonly username: string;
  readonly name?: string;
  readonly email?: string;
  /** Platform roles only; other realm roles (offline_access…) are dropped. */
  readonly roles: readonly Role[];
  /** Agency code for officers; undefined for citizens and province-wide roles. */
  readonly agencyCode?: string;
  /** Citizen identity number (CCCD), when the token carries one. */
  readonly citizenId?: string;
}

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser };

/** Injects the authenticated caller; the global guard has already refused anonymous requests. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('@CurrentUser() used on a route the authentication guard does not cover');
  return user;
});
