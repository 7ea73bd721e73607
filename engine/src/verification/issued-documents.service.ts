import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID, X509Certificate } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import type { TemplateRef } from '../documents/template-engine.js';
import { DirectoryFileStore } from '../files/file-store.js';
import { FILE_STORE } from '../files/files.service.js';
import { FilesRepository } from '../files/files.repository.js';
import { CredentialStore, type SigningCredentials } from '../signing/credentials.js';
import { signWith } from '../signing/pdf-signer.js';
import { IssuedDocumentsRepository } from './issued-documents.repository.js';
import type { IssuedDocument } from './verification.schema.js';

export interface IssueRequest {
  readonly dossierId?: string | null;
  readonly agency: { readonly code: string; readonly name: string };
  /** Machine name of the kind (`result`, `receipt`…). */
  readonly kind: string;
  /** Title as printed, shown on the verification page. */
  readonly title: string;
  readonly number?: string | null;
  /** False for a document issued without digital signatures (receipts, notices); true by default. */
  readonly signatureExpected?: boolean;
  readonly template: TemplateRef;
  /** Template data; `documentId`, `verifyUrl` and `qrCode` (PNG data URI) are added. */
  readonly data: object;
}

export interface SignRequest {
  readonly signerName: string;
  /** `leader` (approval) or `clerk` (the agency's seal). */
  readonly role: string;
  readonly reason: string;
  readonly location: string;
  /** The number the clerk gives the document when sealing it, if not known before. */
  readonly number?: string;
}

export interface IssuedPdf {
  readonly document: IssuedDocument;
  readonly pdf: Buffer;
}

/**
 * Issues documents: renders them with a QR code pointing to their public verification page,
 * stores the bytes, keeps the registry entry, and applies signatures in turn.
 */
@Injectable()
export class IssuedDocumentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: DocumentRenderer,
    private readonly credentials: CredentialStore,
    @Inject(FILE_STORE) private readonly store: DirectoryFileStore,
    private readonly files: FilesRepository,
    private readonly registry: IssuedDocumentsRepository,
  ) {}

  verifyUrl(documentId: string): string {
    return `${this.config.PUBLIC_URL}/verify/${documentId}`;
  }

  async issue(request: IssueRequest): Promise<IssuedPdf> {
    const id = randomUUID();
    const verifyUrl = this.verifyUrl(id);
    // Loaded when the first document is issued, not at start.
    const { default: QRCode } = await import('qrcode');
    const qrCode = await QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    const pdf = await this.renderer.render(request.template, { ...request.data, documentId: id, verifyUrl, qrCode });
    const file = await this.storePdf(pdf, request.kind, request.number ?? id);
    const document = await this.registry.insert({
      id,
      dossierId: request.dossierId ?? null,
      agencyCode: request.agency.code,
      agencyName: request.agency.name,
      kind: request.kind,
      title: request.title,
      number: request.number ?? null,
      signatureExpected: request.signatureExpected ?? true,
      fileId: file.id,
      sha256: file.sha256,
      issuedAt: new Date(),
    });
    return { document, pdf };
  }

  /** Applies the next signature with the issuing agency's certificate; earlier signatures stay valid. */
  async sign(documentId: string, request: SignRequest): Promise<IssuedPdf> {
    const current = await this.current(documentId);
    const credentials = await this.credentials.credentialsFor({ code: current.agencyCode, name: current.agencyName });
    return this.applySignature(current, request, credentials);
  }

  /** Applies the next signature with a person's own key (a leader's approval), unlocked by her. */
  async signPersonally(documentId: string, request: SignRequest, credentials: SigningCredentials): Promise<IssuedPdf> {
    return this.applySignature(await this.current(documentId), request, credentials);
  }

  private async current(documentId: string): Promise<IssuedDocument> {
    const current = await this.registry.findById(documentId);
    if (!current) throw new NotFoundException(`No issued document ${documentId}`);
    return current;
  }

  private async applySignature(current: IssuedDocument, request: SignRequest, credentials: SigningCredentials): Promise<IssuedPdf> {
    const signedAt = new Date();
    const pdf = signWith(await this.read(current.sha256), credentials, {
      agencyCode: current.agencyCode,
      agencyName: current.agencyName,
      signerName: request.signerName,
      role: request.role,
      reason: request.reason,
      location: request.location,
      signingTime: signedAt,
    });
    const file = await this.storePdf(pdf, current.kind, request.number ?? current.number ?? current.id);
    const signers = [
      ...current.signers,
      {
        signerName: request.signerName,
        role: request.role,
        agencyCode: current.agencyCode,
        certificateSubject: new X509Certificate(credentials.certificate).subject.replace(/\n/g, ', '),
        signedAt: signedAt.toISOString(),
      },
    ];
    const document = await this.registry.recordSignature(current.id, current.sha256, {
      fileId: file.id,
      sha256: file.sha256,
      signers,
      issuedAt: signedAt,
      number: request.number,
    });
    if (!document) throw new ConflictException(`Document ${current.id} was signed by someone else meanwhile; sign its new version`);
    return { document, pdf };
  }

  findById(id: string): Promise<IssuedDocument | undefined> {
    return this.registry.findById(id);
  }

  findBySha256(sha256: string): Promise<IssuedDocument | undefined> {
    return this.registry.findBySha256(sha256);
  }

  /** The issued bytes of a document (its latest version). */
  async read(sha256: string): Promise<Buffer> {
    return buffer(this.store.read(sha256));
  }

  private async storePdf(pdf: Buffer, kind: string, label: string) {
    const { sha256, size } = await this.store.put(pdf);
    const record = await this.files.insert({ sha256, size, mediaType: 'application/pdf', fileName: `${kind}-${label}.pdf`.replace(/[\\/]/g, '-') });
    return { id: record.id, sha256 };
  }
}
