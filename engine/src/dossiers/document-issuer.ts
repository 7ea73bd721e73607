import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { buffer } from 'node:stream/consumers';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { localDateParts, vietnameseDateTime } from '../documents/vietnamese-format.js';
import { files } from '../files/file.schema.js';
import type { DirectoryFileStore } from '../files/file-store.js';
import { FILE_STORE } from '../files/files.service.js';
import { PdfSigner } from '../signing/pdf-signer.js';
import type { Variables } from '../workflow/workflow-engine.port.js';
import type { DocumentRecord, DossierRecord } from './dossier.schema.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { ProcedureVersions, type VersionModel } from './procedure-versions.js';

export class DocumentTemplateMissing extends Error {}

/**
 * Documents of a dossier: a template of the dossier's procedure version rendered to PDF with the
 * dossier's data, stored as a file and recorded under its kind; signatures appended one by one
 * (the leader's, then the agency seal), each producing the file as it now stands.
 */
@Injectable()
export class DocumentIssuer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(FILE_STORE) private readonly store: DirectoryFileStore,
    private readonly renderer: DocumentRenderer,
    private readonly signer: PdfSigner,
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
    const pdf = await this.renderer.render(source, this.templateData(dossier, model, request.variables, request.now));
    const fileId = await this.storeFile(pdf, `${dossier.code}-${request.kind}.pdf`);
    return this.journal.upsertDocument({
      dossierId: dossier.id,
      kind: request.kind,
      fileId,
      template: request.template,
      elementId: request.elementId ?? null,
      signerRoles: request.signerRoles,
      signatures: [],
      createdAt: request.now,
      updatedAt: request.now,
    });
  }

  /** Applies the agency's signature for `role`; a role that already signed this version is not applied twice (job retries). */
  async sign(dossier: DossierRecord, request: { kind: string; role: string; signerName: string; agencyName: string; now: Date }): Promise<DocumentRecord> {
    const document = await this.journal.findDocument(dossier.id, request.kind);
    if (!document) throw new Error(`Dossier ${dossier.code} has no '${request.kind}' document to sign`);
    if (document.signatures.some((s) => s.role === request.role)) return document;
    const [file] = await this.db.select().from(files).where(eq(files.id, document.fileId));
    const pdf = await buffer(this.store.read(file!.sha256));
    const signed = await this.signer.sign(pdf, {
      agencyCode: dossier.agencyCode,
      agencyName: request.agencyName,
      signerName: request.signerName,
      role: request.role,
      reason: request.role === 'clerk' ? 'Ký số cơ quan' : 'Phê duyệt',
      location: request.agencyName,
      signingTime: request.now,
    });
    const fileId = await this.storeFile(signed, file!.fileName);
    const signatures = [...document.signatures, { role: request.role, agencyCode: dossier.agencyCode, signerName: request.signerName, at: request.now.toISOString() }];
    await this.journal.updateDocument(document.id, { fileId, signatures, updatedAt: request.now });
    return { ...document, fileId, signatures, updatedAt: request.now };
  }

  async open(document: DocumentRecord): Promise<{ fileName: string; content: NodeJS.ReadableStream }> {
    const [file] = await this.db.select().from(files).where(eq(files.id, document.fileId));
    return { fileName: file!.fileName, content: this.store.read(file!.sha256) };
  }

  /** What templates see: the process variables, and the dossier, agency and applicant as printed. */
  templateData(dossier: DossierRecord, model: VersionModel, variables: Variables, now: Date): Record<string, unknown> {
    const offset = this.config.CALENDAR_UTC_OFFSET_MINUTES;
    const time = model.catalogue.processingTime.reduced ?? model.catalogue.processingTime.legal;
    const required = model.catalogue.requiredDocuments;
    const date = localDateParts(now, offset);
    return {
      ...variables,
      applicant: dossier.applicant ?? { fullName: dossier.applicantName },
      application: dossier.application,
      agency: { ...model.catalogue.agency, receptionUnit: `Bộ phận Một cửa - ${model.catalogue.agency.name}` },
      dossier: {
        code: dossier.code,
        procedureName: dossier.procedureName,
        procedureCode: dossier.procedureCode,
        channel: dossier.channel,
        receivedAt: vietnameseDateTime(dossier.receivedAt ?? dossier.createdAt, offset),
        dueDate: dossier.dueDate ? vietnameseDateTime(dossier.dueDate, offset) : '',
        processingTime: `${time.value} ${time.unit === 'workingDays' ? 'ngày làm việc' : 'giờ làm việc'}`,
        documents: required
          .filter((d) => dossier.attachments.some((a) => a.document === d.name))
          .map((d, i) => ({ no: i + 1, name: d.name, originals: d.originals, copies: d.copies })),
        copies: 1,
        returnPlace: `Bộ phận Một cửa - ${model.catalogue.agency.name}`,
      },
      document: { date },
    };
  }

  private async storeFile(content: Buffer, fileName: string): Promise<string> {
    const { sha256, size } = await this.store.put(content);
    const [row] = await this.db.insert(files).values({ sha256, size, mediaType: 'application/pdf', fileName, ownerId: null }).returning({ id: files.id });
    return row!.id;
  }
}
