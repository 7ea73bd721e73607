import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, MaxLength } from 'class-validator';

export class RegisterQuery {
  @ApiPropertyOptional({ description: 'Dossiers received from this instant (ISO 8601); default: the start of the current month (local time).' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Dossiers received before this instant (ISO 8601); default: the start of the next month.' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'The centre keeping the register (supervisors must name one; officers get their own).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string;
}
