import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBase64, IsEmail, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { DossierRecord } from '../dossiers/dossier.schema.js';

export class PortalApplicantDto {
  @ApiProperty({ description: 'Họ tên chủ hồ sơ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  HoTen!: string;

  @ApiProperty({ description: 'Số định danh cá nhân (12 chữ số), the identity VNeID signed the applicant in with' })
  @Matches(/^\d{12}$/)
  SoDinhDanh!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  Email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^(\+84|0)\d{9,10}$/)
  SoDienThoai?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  DiaChi?: string;
}

export class PortalFileDto {
  @ApiProperty({ description: 'Tên giấy tờ: the name of the document in the procedure’s list of required documents' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  TenGiayTo!: string;

  @ApiProperty({ description: 'Tên tệp' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  TenTep!: string;

  @ApiProperty({ description: 'The file’s bytes, base64' })
  @IsBase64()
  @MaxLength(30_000_000)
  NoiDung!: string;
}

/** A dossier filed on the national portal, as the portal delivers it to the province. */
export class PortalDossierDto {
  @ApiProperty({ description: 'Mã hồ sơ on the national portal: the dossier’s key in every later call' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  MaHoSo!: string;

  @ApiProperty({ description: 'Mã thủ tục hành chính (national catalogue code) or the procedure’s slug here' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  MaTTHC!: string;

  @ApiPropertyOptional({ description: 'Mã định danh điện tử of the competent agency (or its code here); needed when several agencies offer the procedure' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  MaDinhDanhDV?: string;

  @ApiProperty({ type: PortalApplicantDto })
  @ValidateNested()
  @Type(() => PortalApplicantDto)
  ChuHoSo!: PortalApplicantDto;

  @ApiProperty({ description: 'Dữ liệu tờ khai: the application form’s values', type: 'object', additionalProperties: true })
  @IsObject()
  DuLieuToKhai!: Record<string, unknown>;

  @ApiProperty({ type: [PortalFileDto] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => PortalFileDto)
  TaiLieuNop!: PortalFileDto[];
}

export class PortalReceiptDto {
  @ApiProperty({ description: 'Mã hồ sơ on the national portal' })
  MaHoSo!: string;

  @ApiProperty({ description: 'The dossier’s id here' })
  dossierId!: string;

  @ApiProperty({ description: 'The receipt code the platform gave the dossier' })
  code!: string;

  @ApiProperty({ description: 'The agency the dossier was filed with' })
  agencyCode!: string;

  @ApiProperty({ description: 'False when the portal had delivered this dossier before: nothing new was created' })
  created!: boolean;
}

export function toPortalReceiptDto(portalCode: string, dossier: DossierRecord, created: boolean): PortalReceiptDto {
  return { MaHoSo: portalCode, dossierId: dossier.id, code: dossier.code, agencyCode: dossier.agencyCode, created };
}
