import type { AuthenticatedUser } from './current-user.js';
import { OFFICER_ROLES, Role } from './roles.js';

/** What a dossier looks like to the policy: who applied, which agency handles it, which centre received it. */
export interface DossierScope {
  readonly agencyCode: string;
  readonly receivingAgencyCode?: string | null;
  readonly applicantUserId: string | null;
}

/** The filter a listing must apply; the repository turns it into a WHERE clause. */
export type DossierVisibility =
  | { readonly kind: 'all' }
  /**
   * Dossiers of the agency, or of the applicant, or both (an officer may also apply as a citizen);
   * `receivingAgencyCode`: also those the (reception officer's) centre received for another agency.
   */
  | { readonly kind: 'scoped'; readonly agencyCode?: string; readonly receivingAgencyCode?: string; readonly applicantUserId?: string }
  | { readonly kind: 'none' };

/**
 * The platform's access rules, in one place, applied by services (not controllers) so that every
 * entry point — API, jobs, exports — gets the same answer.
 *
 * - a citizen sees only the dossiers he applied for;
 * - an officer (reception, specialist, leader, clerk) sees the dossiers of his own agency; a
 *   reception officer also those his centre received for another agency (he returns the result);
 * - a supervisor reads everything (statistics of all agencies);
 * - analysts and administrators manage procedures.
 */
export class AccessPolicy {
  static isOfficer(user: AuthenticatedUser): boolean {
    return user.roles.some((role) => OFFICER_ROLES.includes(role));
  }

  static dossierVisibility(user: AuthenticatedUser): DossierVisibility {
    if (user.roles.includes(Role.Supervisor)) return { kind: 'all' };
    const agencyCode = AccessPolicy.isOfficer(user) ? user.agencyCode : undefined;
    const applicantUserId = user.roles.includes(Role.Citizen) ? user.id : undefined;
    if (!agencyCode && !applicantUserId) return { kind: 'none' };
    const receivingAgencyCode = agencyCode && user.roles.includes(Role.Reception) ? agencyCode : undefined;
    return {
      kind: 'scoped',
      ...(agencyCode ? { agencyCode } : {}),
      ...(receivingAgencyCode ? { receivingAgencyCode } : {}),
      ...(applicantUserId ? { applicantUserId } : {}),
    };
  }

  static canReadDossier(user: AuthenticatedUser, dossier: DossierScope): boolean {
    const visibility = AccessPolicy.dossierVisibility(user);
    switch (visibility.kind) {
      case 'all':
        return true;
      case 'scoped':
        return (
          (visibility.agencyCode !== undefined && dossier.agencyCode === visibility.agencyCode) ||
          (visibility.receivingAgencyCode !== undefined && dossier.receivingAgencyCode === visibility.receivingAgencyCode) ||
          (visibility.applicantUserId !== undefined && dossier.applicantUserId === visibility.applicantUserId)
        );
      case 'none':
        return false;
    }
  }

  static canManageProcedures(user: AuthenticatedUser): boolean {
    return user.roles.includes(Role.Analyst) || user.roles.includes(Role.Admin);
  }

  /** Administrators and province-wide analysts manage every procedure; an agency's analyst, his agency's. */
  static canManageProcedure(user: AuthenticatedUser, agencyCode: string): boolean {
    if (user.roles.includes(Role.Admin)) return true;
    return user.roles.includes(Role.Analyst) && (user.agencyCode === undefined || user.agencyCode === agencyCode);
  }

  static canReadStatistics(user: AuthenticatedUser, agencyCode?: string): boolean {
    if (user.roles.includes(Role.Supervisor)) return true;
    return agencyCode !== undefined && user.roles.includes(Role.Leader) && user.agencyCode === agencyCode;
  }

  /**
   * An uploaded file: its uploader, or whoever may read a dossier that holds it. Access follows the
   * dossier, not the uploader: an officer reads what his agency's dossiers hold (a counter upload
   * too) and nothing else the uploader ever sent.
   */
  static canReadFile(user: AuthenticatedUser, file: { ownerId: string | null }, holders: readonly DossierScope[]): boolean {
    if (file.ownerId !== null && file.ownerId === user.id) return true;
    return holders.some((dossier) => AccessPolicy.canReadDossier(user, dossier));
  }
}
