import { ForbiddenException } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';

/**
 * The agency whose figures the caller may read: supervisors any (or all, when none is asked),
 * leaders only their own, whatever they ask for.
 */
export function statisticsAgency(user: AuthenticatedUser, requested?: string): string | undefined {
  if (user.roles.includes(Role.Supervisor)) return requested;
  const agency = requested ?? user.agencyCode;
  if (!AccessPolicy.canReadStatistics(user, agency)) {
    throw new ForbiddenException(requested ? `Figures of agency ${requested} are for its leaders and supervisors` : 'Statistics are for leaders and supervisors');
  }
  return agency;
}
