import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreatePaymentDto {
  @ApiProperty({ description: 'Dossier whose fees are paid (it must be waiting for a fee).' })
  @IsUUID('all', { message: 'dossierId must be a UUID' })
  dossierId!: string;

  @ApiPropertyOptional({ description: 'Fee codes of the procedure to pay; default: every fee not yet paid.', example: ['LP-GCN'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  feeCodes?: string[];
}
