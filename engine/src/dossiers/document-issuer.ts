import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { dossierAgency, receptionUnit } from './competent-agency.js';
import { localDateParts } from '../documents/vietnamese-format.js';
import { users } from '../identity/identity.schema.js';
import { files } from '../files/file.schema.js';
import type { DirectoryFileStore } from '../files/file-store.js';
import { FILE_STORE } from '../files/files.service.js';
import type { SigningCredentials } from '../signing/credentials.js';
import { IssuedDocumentsService, type IssuedPdf, type SignRequest } from '../verification/issued-documents.service.js';
import type { Variables } from '../workflow/workflow-engine.port.js';
import { documentTemplateData } from './document-data.js';
import { nextRegisteredNumber } from './document-register.js';
import { dossierAppointments, type DocumentRecord, type DossierRecord } from './dossier.schema.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { ProcedureVersions, type VersionModel } from './procedure-versions.js';
import { publicLookupUrl } from './public-lookup-address.js';

export class DocumentTemplateMissing extends Error {}

/** Titles of the shared documents as printed on the verification page; a result takes the procedure's result type. */
const TITLES: Readonly<Record<string, string>> = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  supplementRequest: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  apology: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
  controlSheet: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  stopNotice: 'Thông báo dừng giải quyết hồ sơ',
};


/**
 * Documents of a dossier: a template of the dossier's procedure version rendered to PDF with the
 * dossier's data and issued with a QR code to its public verification page (the issued-documents
 * registry), recorded under its kind; signatures appended one by one (the leader's, then the
 * agency seal), each leaving the earlier ones valid.
 */
@Injectable()
export class DocumentIssuer {
  private readonly agencies = AgencyDirectory.shared();

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
    request: {
      template: string;
      kind: string;
      elementId?: string;
      signerRoles: string[];
      variables: Variables;
      now: Date;
      /** A new version of a document keeps its number (the control sheet); otherwise the register gives the next. */
      number?: string;
      sourceState?: string;
    },
  ): Promise<DocumentRecord> {
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const source = this.versions.templateSource(model, request.template);
    if (!source) throw new DocumentTemplateMissing(`Template '${request.template}' is not part of version ${model.version} of '${model.slug}'`);
    const year = localDateParts(request.now, this.config.CALENDAR_UTC_OFFSET_MINUTES).year;
    const number = request.number ? { reference: request.number, sequence: undefined } : await nextRegisteredNumber(this.db, { agencyCode: dossier.agencyCode, kind: request.kind, year });
    const { document } = await this.issued.issue({
      dossierId: dossier.id,
      agency: dossierAgency(dossier, model.catalogue, this.agencies),
      kind: request.kind,
      title: request.kind === 'result' ? model.catalogue.resultType : (TITLES[request.kind] ?? request.template),
      template: source,
      number: number.reference,
      signatureExpected: request.signerRoles.length > 0,
      data: await this.templateData(dossier, model, { ...request, number: number.reference, sequence: number.sequence }),
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
      sourceState: request.sourceState ?? null,
      createdAt: request.now,
      updatedAt: request.now,
    });
  }

  /** Applies the agency's signature for `role`; a role that already signed this version is not applied twice (job retries). */
  async sign(
    dossier: DossierRecord,
    request: { kind: string; role: string; signerName: string; agencyName: string; number?: string; now: Date },
  ): Promise<DocumentRecord> {
    return this.applySignature(dossier, request, (documentId, signRequest) => this.issued.sign(documentId, signRequest));
  }

  /** Applies a person's own signature for `role` (the leader's approval) with her unlocked key. */
  async signPersonally(
    dossier: DossierRecord,
    request: { kind: string; role: string; signerName: string; agencyName: string; now: Date },
    credentials: SigningCredentials,
  ): Promise<DocumentRecord> {
    return this.applySignature(dossier, request, (documentId, signRequest) => this.issued.signPersonally(documentId, signRequest, credentials));
  }

  private async applySignature(
    dossier: DossierRecord,
    request: { kind: string; role: string; signerName: string; agencyName: string; number?: string; now: Date },
    sign: (documentId: string, request: SignRequest) => Promise<IssuedPdf>,
  ): Promise<DocumentRecord> {
    const document = await this.journal.findDocument(dossier.id, request.kind);
    if (!document?.issuedDocumentId) throw new Error(`Dossier ${dossier.code} has no '${request.kind}' document to sign`);
    if (document.signatures.some((s) => s.role === request.role)) return document;
    const { document: signed } = await sign(document.issuedDocumentId, {
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
    return { fileName: file.fileName, content: this.store.read(file.sha256) };
  }

  /** What templates see (document-data.ts), with the signer's real name and the original appointment looked up. */
  async templateData(
    dossier: DossierRecord,
    model: VersionModel,
    request: { variables: Variables; now: Date; signerRoles: readonly string[]; number?: string; sequence?: number },
  ): Promise<Record<string, unknown>> {
    const role = request.signerRoles[0] ?? 'reception';
    const [fullName, originalDueDate] = await Promise.all([this.signerName(dossier, role), this.originalDueDate(dossier.id)]);
    const competent = dossierAgency(dossier, model.catalogue, this.agencies);
    return documentTemplateData({
      dossier,
      model,
      variables: request.variables,
      now: request.now,
      utcOffsetMinutes: this.config.CALENDAR_UTC_OFFSET_MINUTES,
      agency: { ...competent, ...this.agencies.describe(competent), receptionUnit: receptionUnit(dossier, competent, this.agencies) },
      signerRoles: request.signerRoles,
      signer: { role, fullName },
      originalDueDate,
      lookupUrl: publicLookupUrl(this.config.PUBLIC_URL),
      ...(request.number ? { number: request.number } : {}),
      ...(request.sequence ? { sequence: request.sequence } : {}),
    });
  }

  /** The officer of the role who last acted on the dossier, else the agency's officer holding that role. */
  private async signerName(dossier: DossierRecord, role: string): Promise<string> {
    const last = await this.journal.lastCompletedBy(dossier.id, role);
    if (last?.receiverName) return last.receiverName;
    const [holder] = await this.db
      .select({ displayName: users.displayName })
      .from(users)
      .where(and(eq(users.agencyCode, dossier.agencyCode), eq(users.enabled, true), sql`${role} = any(${users.roles})`))
      .orderBy(asc(users.username))
      .limit(1);
    return holder?.displayName ?? '';
  }

  /** The appointment given at receipt: the due date before the first new appointment, if any. */
  private async originalDueDate(dossierId: string): Promise<Date | null> {
    const [first] = await this.db
      .select({ previousDueDate: dossierAppointments.previousDueDate })
      .from(dossierAppointments)
      .where(eq(dossierAppointments.dossierId, dossierId))
      .orderBy(asc(dossierAppointments.at))
      .limit(1);
    return first?.previousDueDate ?? null;
  }
}
