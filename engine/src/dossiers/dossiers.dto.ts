import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Contact details a citizen may add to what his account already says. */
export class ContactDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^(\+84|0)\d{9,10}$/, { message: 'phone must be a Vietnamese phone number such as 0912345678' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;
}

/** The applicant: who he is, and how to reach him. */
export class ApplicantDto extends ContactDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  fullName!: string;

  @ApiPropertyOptional({ description: 'Số định danh cá nhân (CCCD, 12 digits) or an older 9-digit CMND', example: '022090001234' })
  @IsOptional()
  @Matches(/^(\d{9}|\d{12})$/, { message: 'idNumber must be a 12-digit identity number (or a 9-digit older one)' })
  idNumber?: string;
}

export class AttachmentDto {
  @ApiProperty({ description: 'Name of the entry of the procedure’s required-documents list this file is for' })
  @IsString()
  @IsNotEmpty()
  document!: string;

  @ApiProperty({ description: 'Id of a file uploaded through POST /api/files' })
  @IsUUID()
  fileId!: string;
}

export class SubmitDossierDto {
  @ApiProperty({ description: 'Procedure slug or national code', example: 'dang-ky-khai-sinh' })
  @IsString()
  @IsNotEmpty()
  procedure!: string;

  @ApiPropertyOptional({
    description:
      'Code of the competent agency, one of the procedure’s offeringAgencies (public catalogue); required when several offer it, except at the counter of one of them',
    example: 'UBND-XA-HH',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  agency?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Data of the procedure’s application form (validated against its form schema)' })
  @IsObject()
  application!: Record<string, unknown>;

  @ApiProperty({ type: [AttachmentDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments: AttachmentDto[] = [];

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

/** At the counter the officer states who applies; the rest is what a citizen sends online. */
export class CounterSubmissionDto extends OmitType(SubmitDossierDto, ['contact'] as const) {
  @ApiProperty({ type: ApplicantDto })
  // @ValidateNested alone lets a missing applicant through (class-validator skips undefined).
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ enum: ['counter', 'post'], default: 'counter' })
  @IsOptional()
  @IsIn(['counter', 'post'])
  channel: 'counter' | 'post' = 'counter';
}

export class SupplementDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ type: [AttachmentDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments: AttachmentDto[] = [];
}

export class WithdrawDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class CashPaymentDto {
  @ApiProperty({ description: 'Amount received, in đồng' })
  @IsInt()
  @Min(0)
  amount!: number;

  @ApiPropertyOptional({ description: 'Fee code of the procedure’s catalogue' })
  @IsOptional()
  @IsString()
  feeCode?: string;

  @ApiPropertyOptional({ description: 'Number of the paper receipt (biên lai)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  receiptNumber?: string;
}

export class ApologyDto {
  @ApiProperty({ description: 'New appointment (ISO 8601)' })
  @IsDateString()
  newDueDate!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ description: 'Unit the delay is attributed to' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  responsibleUnit!: string;

  @ApiPropertyOptional({ description: 'The leader’s signing PIN: the letter is signed with her own key (400 when wrong; nothing changes). Never stored.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signingPin?: string;
}
