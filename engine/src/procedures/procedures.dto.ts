import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

/** Characters of one template's source: a document's template is a few kilobytes, one of a megabyte is no document. */
export const TEMPLATE_SOURCE_MAX = 1_000_000;

export class BundleFilesDto {
  @ApiProperty({
    description: 'Every file of the bundle by its path: procedure.json, models/*.bpmn, forms/*.form, templates/*.hbs, templates/common/*.hbs',
    example: { 'procedure.json': '{…}', 'models/birth-registration.bpmn': '<?xml…' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsObject()
  files!: Record<string, string>;
}

export class ImportCatalogueDto {
  @ApiProperty({ description: 'The new procedure\'s slug (its folder and main process id)', example: 'dang-ky-khai-tu' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug: chỉ chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ dang-ky-khai-tu)' })
  @MaxLength(80)
  slug!: string;

  @ApiProperty({ description: 'Slug of the procedure whose process, forms and templates the new one starts from', example: 'dang-ky-khai-sinh' })
  @IsString()
  @MaxLength(80)
  template!: string;

  @ApiProperty({
    description: 'One procedure of the national catalogue of administrative procedures (see docs/national-catalogue.md for its fields)',
    type: 'object',
    additionalProperties: true,
    example: { MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', CapThucHien: 'Cấp Xã', LinhVuc: 'Hộ tịch', ThoiHanGiaiQuyet: 'Trong ngày' },
  })
  @IsObject({ message: 'record: bản ghi thủ tục phải là một đối tượng JSON' })
  record!: Record<string, unknown>;
}

export class PublishDto {
  @ApiPropertyOptional({ description: 'Why this version is published; kept with the version', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RollbackDto {
  @ApiProperty({ description: 'The earlier version whose bundle is published again as the newest version' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class StatusQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'published', 'unpublished'] })
  @IsOptional()
  @IsIn(['draft', 'published', 'unpublished'])
  status?: 'draft' | 'published' | 'unpublished';
}

export class DiffQueryDto {
  @ApiProperty({ description: 'Version number, or "draft"', example: '1' })
  @Matches(/^([1-9]\d*|draft)$/, { message: 'from must be a version number or "draft"' })
  from!: string;

  @ApiProperty({ description: 'Version number, or "draft"', example: 'draft' })
  @Matches(/^([1-9]\d*|draft)$/, { message: 'to must be a version number or "draft"' })
  to!: string;
}

export class MappingInstructionDto {
  @ApiProperty() @IsString() @Matches(/^\S+$/) sourceElementId!: string;
  @ApiProperty() @IsString() @Matches(/^\S+$/) targetElementId!: string;
}

export class MigrationPlanDto {
  @ApiProperty() @IsInt() @Min(1) fromVersion!: number;
  @ApiProperty() @IsInt() @Min(1) toVersion!: number;

  @ApiProperty({ type: [MappingInstructionDto], description: 'One instruction per element that can hold a token' })
  @ValidateNested({ each: true })
  @Type(() => MappingInstructionDto)
  @ArrayMaxSize(1000)
  mappingInstructions!: MappingInstructionDto[];
}

/** A template of the draft as the studio's editor holds it, to be previewed with sample data. */
export class TemplatePreviewDto {
  @ApiProperty({ description: 'Handlebars source of the template (templates/common partials are available by name)', maxLength: TEMPLATE_SOURCE_MAX })
  @IsString()
  @MaxLength(TEMPLATE_SOURCE_MAX, { message: `source must be at most ${TEMPLATE_SOURCE_MAX} characters` })
  source!: string;
}
