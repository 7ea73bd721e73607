import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { dossiers } from '../dossiers/dossier.schema.js';
import { files } from '../files/file.schema.js';

/**
 * Who a dossier filed on the national portal belongs to while its applicant has no account here:
 * his personal identification number, the identity VNeID gave the portal.
 */
export function portalApplicantId(personalId: string): string {
  return `vneid:${personalId}`;
}

/**
 * Gives a citizen the dossiers filed on the national portal under his personal identification
 * number before he had an account here. Called when he signs in (VNeID through the built-in
 * provider) and when the web app first asks who he is (GET /api/me, the platform's first sight of
 * a sign-in brokered by Keycloak). The number is the token's citizen_id, which only VNeID sets.
 */
@Injectable()
export class PortalApplicantLinker {
  private readonly logger = new Logger('NationalPortal');

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Moves the dossiers (and the files the portal handed in with them) to the account; how many moved. */
  async claim(user: Pick<AuthenticatedUser, 'id' | 'roles' | 'citizenId'>): Promise<number> {
    if (!user.citizenId || !/^\d{12}$/.test(user.citizenId) || !user.roles.includes(Role.Citizen)) return 0;
    const held = portalApplicantId(user.citizenId);
    const moved = await this.db.transaction(async (tx) => {
      const rows = await tx.update(dossiers).set({ applicantUserId: user.id }).where(eq(dossiers.applicantUserId, held)).returning({ code: dossiers.code });
      // Files are looked at only when dossiers moved: owner_id has no index, and this runs on every sign-in.
      if (rows.length > 0) await tx.update(files).set({ ownerId: user.id }).where(eq(files.ownerId, held));
      return rows;
    });
    if (moved.length > 0) this.logger.log(`Dossiers ${moved.map((d) => d.code).join(', ')} of the national portal given to account ${user.id}`);
    return moved.length;
  }
}

/** The linker alone, for the sign-in paths of both providers. */
@Module({ providers: [PortalApplicantLinker], exports: [PortalApplicantLinker] })
export class PortalApplicantsModule {}
