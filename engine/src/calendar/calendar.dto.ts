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
