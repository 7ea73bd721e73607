import { BadRequestException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { ProcedureCatalogue } from '../procedures/bundle.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import type { Applicant, Attachment, DossierRecord } from './dossier.schema.js';
import { formatDossierCode, localDay } from './dossier-code.js';
import { DossierStatus } from './dossier-status.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';
import { DossiersRepository } from './dossiers.repository.js';
import type { ApplicantDto, AttachmentDto, ContactDto } from './dossiers.dto.js';
import { checkForm } from './form-validation.js';
import { typedIdNumber } from './typed-id-number.js';
import { ProcessStarter } from './process-starter.js';
import { ProcedureVersions } from './procedure-versions.js';
import { competentAgency } from './competent-agency.js';

export interface Submission {
  procedure: string;
  /** The competent agency chosen among those offering the procedure. */
  agency?: string;
  application: Record<string, unknown>;
  attachments: AttachmentDto[];
  channel: 'online' | 'counter' | 'post';
  /** Online: contact details added to the account's; counter: the applicant in full. */
  contact?: ContactDto;
  applicant?: ApplicantDto;
  idempotencyKey?: string;
}

export interface SubmissionResult {
  dossier: DossierRecord;
  /** False when an earlier submission with the same Idempotency-Key is returned. */
  created: boolean;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Receives dossiers: online from the citizen, or at the counter by a reception officer on the
 * applicant's behalf. Everything the client sends is checked here against the published
 * version (application form, required documents, uploaded files); then the code is issued and
 * the process started. The appointment waits for the reception step to find the dossier complete.
 */
@Injectable()
export class SubmissionService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly procedures: ProceduresService,
    private readonly versions: ProcedureVersions,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly lifecycle: DossierLifecycle,
    private readonly starter: ProcessStarter,
  ) {}

  async submit(user: AuthenticatedUser, submission: Submission): Promise<SubmissionResult> {
    if (submission.idempotencyKey) {
      const earlier = await this.dossiers.findByIdempotencyKey(user.id, submission.idempotencyKey);
      if (earlier) return { dossier: earlier, created: false };
    }
    const resolved = await this.procedures.resolveForNewDossier(submission.procedure);
    const catalogue = resolved.catalogue;
    const declared = this.applicant(user, submission, catalogue);
    const model = await this.versions.get(resolved.slug, resolved.version);

    const form = model.forms.get(catalogue.applicationForm);
    if (!form) throw new Error(`Version ${resolved.version} of '${resolved.slug}' has no application form '${catalogue.applicationForm}'`);
    const { problems, values } = checkForm(form, submission.application);
    if (problems.length > 0) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems.map((p) => p.message), fields: problems });
    }
    const attachments = await this.checkAttachments(user, catalogue, submission.attachments);
    // The number the applicant typed on the form is the one he knows and the one the receipt and the
    // public lookup go by; the account's (or the counter's) number stands only when the form has none.
    const typed = typedIdNumber(form, values);
    const applicant: Applicant = typed ? { ...declared, idNumber: typed } : declared;
    // Any centre of the province receives at the counter (Decree 118/2025); online, the dossier is
    // filed with the competent agency itself.
    const directory = AgencyDirectory.shared();
    const receiving = submission.channel === 'online' ? undefined : user.agencyCode;
    const agencyCode = competentAgency(catalogue, directory, submission.agency, receiving);
    const codeAgency = directory.find(agencyCode)?.electronicId ?? agencyCode;

    const now = this.clock.now();
    let dossier: DossierRecord;
    try {
      dossier = await this.db.transaction(async (tx) => {
        const day = localDay(now, this.config.CALENDAR_UTC_OFFSET_MINUTES);
        const sequence = await this.dossiers.nextSequence(codeAgency, day, tx);
        const row = await this.dossiers.insert(
          {
            code: formatDossierCode(this.config.DOSSIER_CODE_PATTERN, { agencyCode: codeAgency, day, sequence }),
            procedureCode: catalogue.code,
            procedureSlug: resolved.slug,
            procedureVersion: resolved.version,
            procedureName: catalogue.name,
            agencyCode,
            receivingAgencyCode: receiving && receiving !== agencyCode ? receiving : null,
            applicantUserId: submission.channel === 'online' ? user.id : null,
            applicantName: applicant.fullName,
            applicantIdNumber: applicant.idNumber ?? null,
            applicant,
            application: values,
            attachments,
            channel: submission.channel,
            submittedBy: user.id,
            idempotencyKey: submission.idempotencyKey ?? null,
            hasFee: catalogue.fees.some((f) => f.amount > 0),
            status: DossierStatus.New,
            startState: 'pending',
            // No appointment yet: it is set when the complete dossier is received (DossierLifecycle.receive).
            dueDate: null,
            warningDate: null,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await this.journal.addHistory(
          {
            dossierId: row.id,
            fromStatus: null,
            toStatus: DossierStatus.New,
            actorId: user.id,
            actorName: user.name ?? user.username,
            note: submission.channel === 'online' ? 'Nộp hồ sơ trực tuyến' : 'Nộp hồ sơ tại bộ phận một cửa',
            at: now,
          },
          tx,
        );
        return row;
      });
    } catch (error) {
      // Two retries of one submission raced: the loser returns the winner's dossier.
      if (submission.idempotencyKey && isUniqueViolation(error)) {
        const earlier = await this.dossiers.findByIdempotencyKey(user.id, submission.idempotencyKey);
        if (earlier) return { dossier: earlier, created: false };
      }
      throw error;
    }
    return { dossier: await this.starter.start(dossier), created: true };
  }

  private applicant(user: AuthenticatedUser, submission: Submission, catalogue: ProcedureCatalogue): Applicant {
    if (submission.channel === 'online') {
      if (!user.roles.includes(Role.Citizen)) throw new ForbiddenException('Online submission is for citizens; officers use the counter submission');
      if (catalogue.onlineMode === 'none') throw new BadRequestException(`Procedure ${catalogue.code} cannot be submitted online; apply at the counter`);
      return clean({
        fullName: user.name ?? user.username,
        idNumber: user.citizenId,
        email: submission.contact?.email ?? user.email,
        phone: submission.contact?.phone,
        address: submission.contact?.address,
      });
    }
    if (!user.roles.includes(Role.Reception) || !user.agencyCode) throw new ForbiddenException('Counter submissions are made by reception officers of an agency');
    if (!submission.applicant) throw new BadRequestException('applicant is required for a counter submission');
    return clean({ ...submission.applicant });
  }

  /** Every mandatory document present, every file known and uploaded by the submitter. */
  async checkAttachments(user: AuthenticatedUser, catalogue: ProcedureCatalogue, attachments: AttachmentDto[], requireMandatory = true): Promise<Attachment[]> {
    const names = catalogue.requiredDocuments.map((d) => d.name);
    const unknown = attachments.filter((a) => !names.includes(a.document)).map((a) => a.document);
    if (unknown.length > 0) {
      throw new BadRequestException(`Not in the procedure's list of documents: ${unknown.map((n) => `"${n}"`).join(', ')}`);
    }
    if (requireMandatory) {
      // The declaration filled in online is the application itself.
      const missing = catalogue.requiredDocuments.filter((d) => d.mandatory && !d.filledOnline && !attachments.some((a) => a.document === d.name)).map((d) => d.name);
      if (missing.length > 0) throw new BadRequestException(`Missing mandatory document${missing.length > 1 ? 's' : ''}: ${missing.map((n) => `"${n}"`).join(', ')}`);
    }
    const ids = [...new Set(attachments.map((a) => a.fileId))];
    const owned = await this.dossiers.filesOwnedBy(ids, user.id);
    const foreign = ids.filter((id) => !owned.has(id));
    if (foreign.length > 0) throw new BadRequestException(`Unknown file id${foreign.length > 1 ? 's' : ''} (upload through /api/files first): ${foreign.join(', ')}`);
    return attachments.map((a) => ({ document: a.document, fileId: a.fileId }));
  }
}

function clean(applicant: Applicant): Applicant {
  return Object.fromEntries(Object.entries(applicant).filter(([, v]) => v !== undefined && v !== '')) as unknown as Applicant;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === UNIQUE_VIOLATION;
}
