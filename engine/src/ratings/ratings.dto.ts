import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { iso } from '../web/response-values.js';
import type { RatingRecord } from './rating.schema.js';
import type { RatingAggregate } from './ratings.repository.js';

export class RateDossierDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 rất không hài lòng … 5 rất hài lòng' })
  @IsInt({ message: 'score must be a whole number from 1 to 5' })
  @Min(1, { message: 'score must be a whole number from 1 to 5' })
  @Max(5, { message: 'score must be a whole number from 1 to 5' })
  score!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export const RATING_GROUPS = ['agency', 'procedure', 'officer'] as const;
export type RatingGroup = (typeof RATING_GROUPS)[number];

export class RatingSummaryQuery {
  @ApiProperty({ enum: RATING_GROUPS })
  @IsIn(RATING_GROUPS)
  by!: RatingGroup;

  @ApiPropertyOptional({ description: 'Only this agency (a leader always sees only his own).' })
  @IsOptional()
  @IsString()
  agencyCode?: string;

  @ApiPropertyOptional({ description: 'Ratings given from this instant (ISO 8601).' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ description: 'Ratings given before this instant (ISO 8601).' })
  @IsOptional()
  @IsDateString()
  to?: string;
}

/** A dossier's rating; who rated stays internal (the applicant, by construction). */
export class RatingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) score!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export function toRatingDto(row: RatingRecord): RatingDto {
  return { id: row.id, dossierId: row.dossierId, score: row.score, comment: row.comment, at: iso(row.at) };
}

export class RatingSummaryRowDto {
  @ApiProperty({ description: 'Agency code, procedure code or officer id' }) key!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() count!: number;
  @ApiProperty() average!: number;
  @ApiProperty({ description: 'Ratings of 4 or 5' }) satisfied!: number;
  @ApiProperty({ type: [Number], minItems: 5, maxItems: 5, description: 'Counts of scores 1 to 5' }) distribution!: number[];
  @ApiProperty({ type: Number, nullable: true, description: 'Share of 4–5 ratings, in percent' }) satisfactionRate!: number | null;
}

export class RatingSummaryDto {
  @ApiProperty({ enum: RATING_GROUPS }) by!: RatingGroup;
  @ApiProperty({ type: String, nullable: true }) agencyCode!: string | null;
  @ApiProperty({ type: [RatingSummaryRowDto] }) rows!: RatingSummaryRowDto[];
}

export function toRatingSummaryDto(summary: { by: RatingGroup; agencyCode: string | null; rows: (RatingAggregate & { satisfactionRate: number | null })[] }): RatingSummaryDto {
  return {
    by: summary.by,
    agencyCode: summary.agencyCode,
    rows: summary.rows.map((r) => ({ key: r.key, name: r.name, count: r.count, average: r.average, satisfied: r.satisfied, distribution: r.distribution, satisfactionRate: r.satisfactionRate })),
  };
}
