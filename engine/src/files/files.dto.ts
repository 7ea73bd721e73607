import { ApiProperty } from '@nestjs/swagger';
import type { FileRecord } from './file.schema.js';

export class UploadLimitsDto {
  @ApiProperty({ description: 'Largest upload in bytes' }) maxBytes!: number;
  @ApiProperty({ type: [String], example: ['application/pdf', 'image/png', 'image/jpeg'] }) mediaTypes!: string[];
  @ApiProperty({ type: [String], example: ['.pdf', '.png', '.jpg', '.jpeg'] }) extensions!: string[];
}

/** A stored upload; where it lies and who owns it stay internal. */
export class UploadedFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Media type sniffed from the content' }) mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
}

export function toUploadedFileDto(file: FileRecord): UploadedFileDto {
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, size: file.size, sha256: file.sha256 };
}
