import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALL_STATUSES, type DossierStatus } from './dossier-status.js';

/** A calendar day (a local day of the platform's calendar) or an instant with its offset. */
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const DUE_WITHIN = ['due_soon', 'late'] as const;
export type DueWithin = (typeof DUE_WITHIN)[number];

/** `status=a,b` and `status=a&status=b` both give [a, b]. */
function list({ value }: { value: unknown }): unknown {
  if (value === undefined || value === '') return undefined;
  const parts = (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
}

export class ListDossiersQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'Id of the last dossier of the previous page (`next` of that page).' })
  @IsOptional()
  @IsUUID('all', { message: 'after must be the id of a dossier (next of the previous page)' })
  after?: string;

  @ApiPropertyOptional({ description: 'One or several statuses, repeated or comma-separated.', isArray: true, enum: ALL_STATUSES, example: 'received,processing' })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(ALL_STATUSES.length)
  @IsIn(ALL_STATUSES, { each: true, message: `each value of status must be one of: ${ALL_STATUSES.join(', ')}` })
  status?: DossierStatus[];

  @ApiPropertyOptional({ description: 'Code of the procedure (mã thủ tục).', example: '1.001193' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  procedure?: string;

  @ApiPropertyOptional({ description: 'Part of the dossier code or of the applicant’s name; accents and case optional.', example: 'nguyen van an' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Received (submitted, until received) on or after: a day (YYYY-MM-DD, local) or an instant.', example: '2026-11-01' })
  @IsOptional()
  @Matches(DAY_OR_INSTANT, { message: 'receivedFrom must be a date (YYYY-MM-DD) or an ISO 8601 instant with offset' })
  receivedFrom?: string;

  @ApiPropertyOptional({ description: 'Received on or before: a day (the whole day counts) or an instant.', example: '2026-11-30' })
  @IsOptional()
  @Matches(DAY_OR_INSTANT, { message: 'receivedTo must be a date (YYYY-MM-DD) or an ISO 8601 instant with offset' })
  receivedTo?: string;

  @ApiPropertyOptional({
    description: 'Open dossiers by deadline: due_soon (warning date passed, appointment not yet), late (appointment passed). A stopped clock counts from when it stopped.',
    enum: DUE_WITHIN,
  })
  @IsOptional()
  @IsIn(DUE_WITHIN, { message: `dueWithin must be one of: ${DUE_WITHIN.join(', ')}` })
  dueWithin?: DueWithin;
}
