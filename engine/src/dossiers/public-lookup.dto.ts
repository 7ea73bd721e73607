import { ApiProperty } from '@nestjs/swagger';
import { isoOrNull } from '../web/response-values.js';
import { ALL_STATUSES, type DossierStatus } from './dossier-status.js';
import type { PublicLookup } from './public-lookup.service.js';

/** What the public lookup tells: progress only, nothing about the applicant. */
export class PublicLookupDto {
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) procedureName!: string | null;
  @ApiProperty({ enum: ALL_STATUSES, enumName: 'DossierStatus' }) status!: DossierStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receivedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueDate!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export function toPublicLookupDto(found: PublicLookup): PublicLookupDto {
  return {
    code: found.code,
    procedureName: found.procedureName,
    status: found.status as DossierStatus,
    statusLabel: found.statusLabel,
    receivedAt: isoOrNull(found.receivedAt),
    dueDate: isoOrNull(found.dueDate),
    finishedAt: isoOrNull(found.finishedAt),
  };
}
