import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { SubmissionService } from '../dossiers/submission.service.js';
import { FilesService } from '../files/files.service.js';
import { AccountsService } from '../identity/accounts.service.js';
import type { UserRecord } from '../identity/identity.schema.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import type { PortalDossierDto } from './portal-intake.dto.js';
import { portalApplicantId } from './portal-applicants.js';
import { PortalDossiersRepository } from './portal-dossiers.repository.js';
import { NationalPortalSync } from './portal-sync.js';

export interface Intake {
  dossier: DossierRecord;
  created: boolean;
}

/**
 * Dossiers filed on the national portal enter as online submissions of the applicant the portal
 * identified (VNeID): same checks, same code, same reception queue of the competent agency. The
 * portal's code is kept; a dossier delivered again (a retry) is found by it and not filed twice.
 */
@Injectable()
export class PortalIntake {
  private readonly logger = new Logger('NationalPortal');

  constructor(
    private readonly submissions: SubmissionService,
    private readonly files: FilesService,
    private readonly dossiers: DossiersRepository,
    private readonly links: PortalDossiersRepository,
    private readonly sync: NationalPortalSync,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    // The built-in provider's accounts; absent with an external provider (Keycloak).
    @Optional() private readonly accounts?: AccountsService,
  ) {}

  async receive(filed: PortalDossierDto): Promise<Intake> {
    const known = await this.links.dossierOf(filed.MaHoSo);
    if (known) return { dossier: (await this.dossiers.findById(known))!, created: false };
    // His account when he has one here; else the dossier waits under his number until he signs in
    // (PortalApplicantLinker), so that no account is made for someone who never came.
    const account = await this.accounts?.findCitizen(filed.ChuHoSo.SoDinhDanh);
    const applicant = applicantOf(filed, account);
    const attachments = [];
    for (const file of filed.TaiLieuNop) {
      const stored = await this.files.upload(applicant, { fileName: file.TenTep, content: Buffer.from(file.NoiDung, 'base64') });
      attachments.push({ document: file.TenGiayTo, fileId: stored.id });
    }
    // The portal code as idempotency key of the applicant: two deliveries racing file one dossier.
    const { dossier } = await this.submissions.submit(applicant, {
      procedure: filed.MaTTHC,
      agency: filed.MaDinhDanhDV ? agencyCode(filed.MaDinhDanhDV) : undefined,
      application: filed.DuLieuToKhai,
      attachments,
      channel: 'online',
      contact: { email: filed.ChuHoSo.Email, phone: filed.ChuHoSo.SoDienThoai, address: filed.ChuHoSo.DiaChi },
      idempotencyKey: `national-portal:${filed.MaHoSo}`,
    });
    const now = this.clock.now();
    const linked = await this.links.transaction(async (tx) => {
      if (!(await this.links.link(filed.MaHoSo, dossier.id, now, tx))) return false;
      await this.sync.dossierFiled(dossier, filed.MaHoSo, now, tx);
      return true;
    });
    if (linked) this.logger.log(`Dossier ${filed.MaHoSo} of the national portal filed as ${dossier.code} with ${dossier.agencyCode}`);
    return { dossier, created: linked };
  }
}

/**
 * The applicant as the portal identified him: his personal identification number is the key (the
 * account a VNeID sign-in finds), so his files and dossier are his and no one else's. Without an
 * account (none yet, or Keycloak's, unknown here), the number stands for him until he signs in.
 */
function applicantOf(filed: PortalDossierDto, account: UserRecord | undefined): AuthenticatedUser {
  return {
    id: account?.id ?? portalApplicantId(filed.ChuHoSo.SoDinhDanh),
    username: account?.username ?? filed.ChuHoSo.SoDinhDanh,
    name: filed.ChuHoSo.HoTen,
    email: filed.ChuHoSo.Email,
    roles: [Role.Citizen],
    citizenId: filed.ChuHoSo.SoDinhDanh,
  };
}

function agencyCode(identifier: string): string {
  return AgencyDirectory.shared().findByElectronicId(identifier)?.code ?? identifier;
}
