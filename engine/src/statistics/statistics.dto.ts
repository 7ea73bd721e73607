import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

  @ApiPropertyOptional({ description: 'National code of one procedure, e.g. 1.013978.' })
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

export class StatisticsFilterDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiPropertyOptional() agencyCode?: string;
  @ApiPropertyOptional() procedureCode?: string;
  @ApiPropertyOptional() level?: string;
}

/** One group of dossiers submitted in the period, by outcome. */
export class StatisticsRowDto {
  @ApiProperty({ description: 'Agency or procedure code, level, period start, or "total"' }) key!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The agency’s or procedure’s name, when grouped by either' }) name!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The agency’s name (the procedure’s agency, when grouped by procedure)' }) agencyName?: string | null;
  @ApiProperty() submitted!: number;
  @ApiProperty() received!: number;
  @ApiProperty() online!: number;
  @ApiProperty() counter!: number;
  @ApiProperty() post!: number;
  @ApiProperty() notReceived!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty() resolved!: number;
  @ApiProperty() early!: number;
  @ApiProperty() onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty() withoutDeadline!: number;
  @ApiProperty() inProgress!: number;
  @ApiProperty({ description: 'In progress, past the warning date but not the appointment' }) dueSoon!: number;
  @ApiProperty({ description: 'In progress past the appointment' }) overdue!: number;
  @ApiProperty() paused!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent, two decimals; null with nothing to measure' }) onTimeRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) onlineRate!: number | null;
}

export class DossierStatisticsDto {
  @ApiProperty({ type: StatisticsFilterDto }) filter!: StatisticsFilterDto;
  @ApiProperty({ enum: GROUPINGS }) groupBy!: Grouping;
  @ApiPropertyOptional({ enum: PERIODS }) period?: Period;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [StatisticsRowDto] }) rows!: StatisticsRowDto[];
  @ApiProperty({ type: StatisticsRowDto }) total!: StatisticsRowDto;
}

export class RatioDto {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent, two decimals; null when the denominator is 0' }) percent!: number | null;
}

export class LevelRatioDto extends RatioDto {
  @ApiProperty() level!: string;
}

export class ProgressIndicatorDto {
  @ApiProperty({ type: RatioDto }) onTimeRate!: RatioDto;
  @ApiProperty() early!: number;
  @ApiProperty() onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty() overdueInProgress!: number;
  @ApiProperty({ type: Number, nullable: true }) points!: number | null;
  @ApiProperty() maxPoints!: number;
  @ApiProperty() target!: number;
}

export class DigitisationIndicatorDto {
  @ApiProperty({ type: RatioDto }) dossiersDigitised!: RatioDto;
  @ApiProperty({ type: RatioDto }) resultsDigitised!: RatioDto;
  @ApiProperty({ type: RatioDto }) resultsSigned!: RatioDto;
  @ApiProperty() target!: number;
}

export class OnlineServicesIndicatorDto {
  @ApiProperty({ type: RatioDto }) submittedOnline!: RatioDto;
  @ApiProperty({ type: [LevelRatioDto] }) byLevel!: LevelRatioDto[];
  @ApiProperty({ type: RatioDto }) paidOnline!: RatioDto;
  @ApiProperty({ type: RatioDto }) consultationsAnsweredElectronically!: RatioDto;
  @ApiProperty({ type: RatioDto }) consultationsAnsweredOnTime!: RatioDto;
  @ApiProperty() consultationTarget!: number;
}

export class SatisfactionIndicatorDto {
  @ApiProperty() ratings!: number;
  @ApiProperty({ type: Number, nullable: true }) average!: number | null;
  @ApiProperty({ type: RatioDto }) satisfied!: RatioDto;
  @ApiProperty() target!: number;
}

const DATA_SOURCES = ['platform', 'national-portal', 'national-procedure-database', 'population-database', 'data-warehouse'] as const;

/** One indicator of Decision 766/QĐ-TTg: its formula and scale, and its value and points where the platform can measure it. */
export class ScoredIndicatorDto {
  @ApiProperty({ description: 'Number in the decision’s five groups, e.g. 2.1' }) id!: string;
  @ApiProperty({ enum: ['transparency', 'progress', 'digitisation', 'online', 'satisfaction'] }) group!: string;
  @ApiProperty({ description: 'Vietnamese name' }) name!: string;
  @ApiProperty({ description: 'The published formula, in Vietnamese' }) formula!: string;
  @ApiProperty({ description: 'How points follow from the value, in Vietnamese' }) scoring!: string;
  @ApiProperty({ enum: DATA_SOURCES, description: 'Where its data lives' }) source!: string;
  @ApiProperty({ description: 'Whether the platform’s records measure it' }) computable!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why it is not computed here (Vietnamese)' }) reason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent, two decimals; null when not computable or nothing to measure' }) value!: number | null;
  @ApiProperty({ type: Number, nullable: true }) points!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null where the indicator’s own points are to verify' }) maxPoints!: number | null;
}

export class ScoredGroupDto {
  @ApiProperty({ enum: ['transparency', 'progress', 'digitisation', 'online', 'satisfaction'] }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The group’s points out of 100' }) maxPoints!: number;
  @ApiProperty({ description: 'Points of its scored indicators' }) points!: number;
  @ApiProperty({ description: 'Maximum of the indicators the platform scored' }) scoredMaxPoints!: number;
}

export class Decision766Dto {
  @ApiProperty({ description: 'Which dossiers the indicators count (Vietnamese)' }) basis!: string;
  @ApiProperty({ type: [ScoredGroupDto] }) groups!: ScoredGroupDto[];
  @ApiProperty({ type: [ScoredIndicatorDto] }) indicators!: ScoredIndicatorDto[];
}

/** The outbox of calls to the national public service portal, now (not per period). */
export class PortalSyncDto {
  @ApiProperty({ description: 'Whether the portal is configured (NATIONAL_PORTAL_AUTH_URL)' }) connected!: boolean;
  @ApiProperty({ enum: ['portal', 'all'], description: 'Dossiers synced: those filed on the portal, or all (NATIONAL_PORTAL_SYNC)' }) scope!: string;
  @ApiProperty({ description: 'Changes waiting to reach the portal' }) pending!: number;
  @ApiProperty({ description: 'Of those, changes the portal has refused or not answered at least once' }) failing!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the oldest waiting change was made' }) oldestPendingAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the portal last accepted a change' }) lastDeliveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The latest error of a waiting change' }) lastError!: string | null;
}

/** Decision 766/QĐ-TTg indicators measured from the platform’s records. */
export class IndicatorsDto {
  @ApiProperty({ type: StatisticsFilterDto }) filter!: StatisticsFilterDto;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: ProgressIndicatorDto }) progress!: ProgressIndicatorDto;
  @ApiProperty({ type: DigitisationIndicatorDto }) digitisation!: DigitisationIndicatorDto;
  @ApiProperty({ type: OnlineServicesIndicatorDto }) onlineServices!: OnlineServicesIndicatorDto;
  @ApiProperty({ type: SatisfactionIndicatorDto }) satisfaction!: SatisfactionIndicatorDto;
  @ApiProperty({ type: Decision766Dto, description: 'Every indicator of the decision, scored where the platform can measure it' }) decision766!: Decision766Dto;
  @ApiProperty({ type: PortalSyncDto, description: 'Sync backlog and failures towards the national portal' }) portalSync!: PortalSyncDto;
}
