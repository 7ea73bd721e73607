import { applyDecorators, ForbiddenException, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { AuthenticatedRequest } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { ProceduresRepository } from './procedures.repository.js';

/**
 * Refuses an analyst a procedure of another agency (403): its draft, versions, checks, publishing
 * and rollback. A route without a procedure in its path (an import) checks the bundle itself.
 */
@Injectable()
class ProcedureAgencyGuard implements CanActivate {
  constructor(private readonly procedures: ProceduresRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const slug = request.params['slug'];
    if (typeof slug !== 'string' || !slug) return true;
    const procedure = await this.procedures.findBySlugOrCode(slug);
    // An unknown slug is the handler's to answer (404, or a new draft that names its agency).
    if (procedure) assertManages(request.user!, procedure.agencyCode, procedure.slug);
    return true;
  }
}

export function assertManages(user: Parameters<typeof AccessPolicy.canManageProcedure>[0], agencyCode: string, slug: string): void {
  if (!AccessPolicy.canManageProcedure(user, agencyCode)) {
    throw new ForbiddenException(`Procedure '${slug}' belongs to agency ${agencyCode}; you manage the procedures of ${user.agencyCode ?? 'no agency'} only`);
  }
}

/** Analysts (of the procedure's agency) and administrators. */
export const ManagesProcedure = () => applyDecorators(Roles(Role.Analyst, Role.Admin), UseGuards(ProcedureAgencyGuard));
