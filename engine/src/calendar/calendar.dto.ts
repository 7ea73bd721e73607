import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class CalendarOverrideDto {
  @ApiProperty({ enum: ['day_off', 'working_day'], description: 'An extra day off, or a (make-up) working day' })
  @IsIn(['day_off', 'working_day'])
  kind!: 'day_off' | 'working_day';

  @ApiProperty({ example: 'Làm bù cho ngày nghỉ Tết' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class DueDateQueryDto {
  @ApiPropertyOptional({ example: '2026-11-23T08:00:00+07:00', description: 'Start of the working time (ISO 8601); now when absent' })
  @IsOptional()
  @IsDateString()
  start?: string;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  // Query strings arrive as text: converted before the integer check.
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  days?: number;

  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(87600)
  hours?: number;
}

export class OfficePeriodDto {
  @ApiProperty({ example: '07:00', description: 'Local time HH:MM' }) start!: string;
  @ApiProperty({ example: '11:30' }) end!: string;
}

export class DayOffDto {
  @ApiProperty({ example: '2026-09-02', description: 'YYYY-MM-DD' }) date!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['statutory', 'compensatory', 'override'] }) source!: 'statutory' | 'compensatory' | 'override';
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-01-03', description: 'YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: ['day_off', 'working_day'] }) kind!: 'day_off' | 'working_day';
  @ApiProperty() name!: string;
}

/** A year of the working-day calendar. */
export class CalendarYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [OfficePeriodDto] }) officeHours!: OfficePeriodDto[];
  @ApiProperty({ type: [Number], description: 'Weekly rest days, 0 = Sunday … 6 = Saturday' }) restDays!: number[];
  @ApiProperty({ type: [DayOffDto] }) daysOff!: DayOffDto[];
  @ApiProperty({ type: [CalendarDayDto], description: 'Make-up working days on rest days' }) workingDays!: CalendarDayDto[];
}

export class DueDateDto {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) dueDate!: string;
}
