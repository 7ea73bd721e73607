import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { TrustStore } from '../signing/trust-store.js';
import { IssuedDocumentsService } from './issued-documents.service.js';
import { TooManySignaturesError } from './pdf-signatures.js';
import { verifyPdf, type PdfVerification, type SignatureReport } from './signature-verifier.js';
import type { IssuedDocument } from './verification.schema.js';

export interface UploadVerification extends PdfVerification {
  /** Each signature with the role the registry recorded for it (leader, clerk), when the bytes are a registered document. */
  readonly signatures: Array<SignatureReport & { readonly role: string | null }>;
  /** The registry entry whose issued bytes are exactly these, if any. */
  readonly registeredDocument: RegisteredDocumentView | null;
}

export interface RegisteredDocumentView {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly number: string | null;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly issuedAt: string;
  readonly verifyUrl: string;
}

export interface IssuedVerification {
  readonly document: IssuedDocument;
  readonly verification: PdfVerification;
  /** The stored bytes still hash to what the registry recorded at issue. */
  readonly storedBytesMatch: boolean;
  readonly valid: boolean;
}

/** Verification decides from the signatures in the bytes; the registry only says what was issued. */
@Injectable()
export class VerificationService {
  constructor(
    private readonly trust: TrustStore,
    private readonly documents: IssuedDocumentsService,
  ) {}

  async verifyUpload(pdf: Buffer): Promise<UploadVerification> {
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new BadRequestException('The uploaded file is not a PDF');
    let verification;
    try {
      verification = verifyPdf(pdf, this.trust);
    } catch (error) {
      if (error instanceof TooManySignaturesError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
    const registered = await this.documents.findBySha256(verification.sha256);
    return {
      ...verification,
      signatures: verification.signatures.map((signature, index) => ({ ...signature, role: registered?.signers[index]?.role ?? null })),
      registeredDocument: registered ? this.view(registered) : null,
    };
  }

  /** The registered document and a fresh check of the bytes the platform issued; undefined if unknown. */
  async verifyIssued(id: string): Promise<IssuedVerification | undefined> {
    const document = await this.documents.findById(id);
    if (!document) return undefined;
    const verification = verifyPdf(await this.documents.read(document.sha256), this.trust);
    const storedBytesMatch = verification.sha256 === document.sha256;
    return { document, verification, storedBytesMatch, valid: storedBytesMatch && verification.valid };
  }

  view(document: IssuedDocument): RegisteredDocumentView {
    return {
      id: document.id,
      kind: document.kind,
      title: document.title,
      number: document.number,
      agencyCode: document.agencyCode,
      agencyName: document.agencyName,
      issuedAt: document.issuedAt.toISOString(),
      verifyUrl: this.documents.verifyUrl(document.id),
    };
  }
}
