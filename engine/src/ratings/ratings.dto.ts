import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

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
