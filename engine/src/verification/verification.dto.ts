import { ApiProperty } from '@nestjs/swagger';
import type { UploadVerification } from './verification.service.js';

export class SignatureReportDto {
  @ApiProperty({ type: String, nullable: true, description: 'Common name of the signing certificate' }) signer!: string | null;
  @ApiProperty({ type: String, nullable: true }) certificateSubject!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The official named in the signature' }) signerName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '`leader` (her approval, with her own key) or `clerk` (the agency seal), as recorded when the platform issued the document; null for a file it did not issue',
  })
  role!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Claimed signing time, ISO 8601' }) signedAt!: string | null;
  @ApiProperty({ description: 'The signed bytes are unchanged and signed by the certificate’s key' }) intact!: boolean;
  @ApiProperty({ description: 'The certificate chains to a trusted root and was valid at signing time' }) trusted!: boolean;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Nothing was appended after this signature' }) coversWholeDocument!: boolean;
  @ApiProperty({ type: [String] }) problems!: string[];
}

export class RegisteredDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty() agencyCode!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty() verifyUrl!: string;
}

/** The check of an uploaded PDF: every signature, and the registry entry of the same bytes if any. */
export class UploadVerificationDto {
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
  @ApiProperty({ description: 'At least one signature, all valid, the last covering the whole file' }) valid!: boolean;
  @ApiProperty({ type: [SignatureReportDto] }) signatures!: SignatureReportDto[];
  @ApiProperty({ type: RegisteredDocumentDto, nullable: true }) registeredDocument!: RegisteredDocumentDto | null;
}

export function toUploadVerificationDto(result: UploadVerification): UploadVerificationDto {
  return {
    sha256: result.sha256,
    valid: result.valid,
    signatures: result.signatures.map((s) => ({ ...s, problems: [...s.problems] })),
    registeredDocument: result.registeredDocument ? { ...result.registeredDocument } : null,
  };
}
