import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { localDateParts, vietnameseDateTime } from '../documents/vietnamese-format.js';
import { files } from '../files/file.schema.js';
import type { DirectoryFileStore } from '../files/file-store.js';
import { FILE_STORE } from '../files/files.service.js';
import { IssuedDocumentsService } from '../verification/issued-documents.service.js';
import type { Variables } from '../workflow/workflow-engine.port.js';
import type { DocumentRecord, DossierRecord } from './dossier.schema.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { ProcedureVersions, type VersionModel } from './procedure-versions.js';

export class DocumentTemplateMissing extends Error {}

/** Titles of the shared documents as printed on the verification page; a result takes the procedure's result type. */
const TITLES: Readonly<Record<string, string>> = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  supplementRequest: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  refusal: 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  apology: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  controlSheet: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
};

/** Titles of the signers as the signature block prints them. */
const SIGNER_TITLES: Readonly<Record<string, string>> = { leader: 'THỦ TRƯỞNG CƠ QUAN', clerk: 'VĂN THƯ', reception: 'CÁN BỘ TIẾP NHẬN' };

/**
 * Documents of a dossier: a template of the dossier's procedure version rendered to PDF with the
 * dossier's data and issued with a QR code to its public verification page (the issued-documents
 * registry), recorded under its kind; signatures appended one by one (the leader's, then the
 * agency seal), each leaving the earlier ones valid.
 */
@Injectable()
export class DocumentIssuer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(FILE_STORE) private readonly store: DirectoryFileStore,
    private readonly issued: IssuedDocumentsService,
    private readonly versions: ProcedureVersions,
    private readonly journal: DossierJournalRepository,
  ) {}

  async render(
    dossier: DossierRecord,
    request: { template: string; kind: string; elementId?: string; signerRoles: string[]; variables: Variables; now: Date },
  ): Promise<DocumentRecord> {
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const source = this.versions.templateSource(model, request.template);
    if (!source) throw new DocumentTemplateMissing(`Template '${request.template}' is not part of version ${model.version} of '${model.slug}'`);
    const { document } = await this.issued.issue({
      dossierId: dossier.id,
      agency: { code: model.catalogue.agency.code, name: model.catalogue.agency.name },
      kind: request.kind,
      title: request.kind === 'result' ? model.catalogue.resultType : (TITLES[request.kind] ?? request.template),
      template: source,
      data: this.templateData(dossier, model, request.variables, request.now, request.signerRoles[0]),
    });
    return this.journal.upsertDocument({
      dossierId: dossier.id,
      kind: request.kind,
      fileId: document.fileId,
      issuedDocumentId: document.id,
      template: request.template,
      elementId: request.elementId ?? null,
      signerRoles: request.signerRoles,
      signatures: [],
      createdAt: request.now,
      updatedAt: request.now,
    });
  }

  /** Applies the agency's signature for `role`; a role that already signed this version is not applied twice (job retries). */
  async sign(
    dossier: DossierRecord,
    request: { kind: string; role: string; signerName: string; agencyName: string; number?: string; now: Date },
  ): Promise<DocumentRecord> {
    const document = await this.journal.findDocument(dossier.id, request.kind);
    if (!document?.issuedDocumentId) throw new Error(`Dossier ${dossier.code} has no '${request.kind}' document to sign`);
    if (document.signatures.some((s) => s.role === request.role)) return document;
    const { document: signed } = await this.issued.sign(document.issuedDocumentId, {
      signerName: request.signerName,
      role: request.role,
      reason: request.role === 'clerk' ? 'Ký số cơ quan' : 'Phê duyệt',
      location: request.agencyName,
      ...(request.number ? { number: request.number } : {}),
    });
    const signatures = [...document.signatures, { role: request.role, agencyCode: dossier.agencyCode, signerName: request.signerName, at: request.now.toISOString() }];
    await this.journal.updateDocument(document.id, { fileId: signed.fileId, signatures, updatedAt: request.now });
    return { ...document, fileId: signed.fileId, signatures, updatedAt: request.now };
  }

  async open(document: DocumentRecord): Promise<{ fileName: string; content: NodeJS.ReadableStream }> {
    const [file] = await this.db.select().from(files).where(eq(files.id, document.fileId));
    return { fileName: file!.fileName, content: this.store.read(file!.sha256) };
  }

  /** What templates see: the process variables, and the dossier, agency, applicant and signer as printed. */
  templateData(dossier: DossierRecord, model: VersionModel, variables: Variables, now: Date, signerRole?: string): Record<string, unknown> {
    const offset = this.config.CALENDAR_UTC_OFFSET_MINUTES;
    const time = model.catalogue.processingTime.reduced ?? model.catalogue.processingTime.legal;
    const required = model.catalogue.requiredDocuments;
    const date = localDateParts(now, offset);
    const agency = model.catalogue.agency;
    return {
      ...variables,
      applicant: dossier.applicant ?? { fullName: dossier.applicantName },
      application: dossier.application,
      agency: { ...agency, receptionUnit: `Bộ phận Một cửa - ${agency.name}` },
      dossier: {
        code: dossier.code,
        procedureName: dossier.procedureName,
        procedureCode: dossier.procedureCode,
        channel: dossier.channel,
        receivedAt: vietnameseDateTime(dossier.receivedAt ?? dossier.createdAt, offset),
        dueDate: appointmentOf(dossier, variables) ? vietnameseDateTime(appointmentOf(dossier, variables)!, offset) : '',
        processingTime: `${time.value} ${time.unit === 'workingDays' ? 'ngày làm việc' : 'giờ làm việc'}`,
        documents: required
          .filter((d) => dossier.attachments.some((a) => a.document === d.name))
          .map((d, i) => ({ no: i + 1, name: d.name, originals: d.originals, copies: d.copies })),
        copies: 1,
        returnPlace: `Bộ phận Một cửa - ${agency.name}`,
      },
      document: { date, ...(typeof variables.soVanBan === 'string' ? { number: variables.soVanBan } : {}) },
      signer: { authority: agency.name.toUpperCase(), title: SIGNER_TITLES[signerRole ?? 'leader'] ?? SIGNER_TITLES.leader, fullName: '' },
    };
  }
}

/**
 * The appointment as printed: the dossier's, or, on the receipt rendered right after the reception
 * step, the one that step handed the model (the dossier row may be written a moment later).
 */
function appointmentOf(dossier: DossierRecord, variables: Variables): Date | undefined {
  if (dossier.dueDate) return dossier.dueDate;
  return typeof variables.dueDate === 'string' ? new Date(variables.dueDate) : undefined;
}
