import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const GROUPINGS = ['agency', 'procedure', 'level', 'period'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const PERIODS = ['day', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** Which dossiers count: submitted in [from, to), optionally of one agency, procedure or level. */
export class StatisticsQuery {
  @ApiPropertyOptional({ description: 'Dossiers submitted from this instant (ISO 8601); default: the start of the current year.' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Dossiers submitted before this instant (ISO 8601); default: now.' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'One agency (leaders always get their own).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string;

  @ApiPropertyOptional({ description: 'National code of one procedure, e.g. 1.012756.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  procedureCode?: string;

  @ApiPropertyOptional({ description: 'Administrative level of the procedure (province, commune…).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string;

  @ApiPropertyOptional({ enum: GROUPINGS, description: 'Rows per agency, procedure, level or period; default: agency.' })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy?: Grouping;

  @ApiPropertyOptional({ enum: PERIODS, description: 'Length of a period when grouping by period; default: month.' })
  @IsOptional()
  @IsIn(PERIODS)
  period?: Period;
}
