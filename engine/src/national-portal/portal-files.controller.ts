import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import { FilesService } from '../files/files.service.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { PortalFileLinks } from './portal-file-links.js';

/** The files the platform sent the national portal links to (DongBoHoSoMC), fetched by the portal. */
@ApiTags('national-portal')
@Controller('api/national-portal/files')
export class PortalFilesController {
  constructor(
    private readonly links: PortalFileLinks,
    private readonly files: FilesService,
  ) {}

  @Get(':fileId/:signature')
  // The signature is the authorisation: the portal holds no account here.
  @Public()
  @ApiOperation({
    summary:
      'A file of a dossier through the signed link the national portal received (DuongDanTaiTepTin of TaiLieuNop, DuongDanTepTinKetQua of DanhSachGiayToKetQua). A link that was not given out answers 404.',
  })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({
    description: 'The file as stored: a result is its signed PDF',
    content: Object.fromEntries(['application/pdf', 'image/png', 'image/jpeg'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such file, or a signature the platform did not give' })
  async file(@Param('fileId', new ParseUUIDPipe()) fileId: string, @Param('signature') signature: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    // A wrong signature answers as a missing file does: the caller learns nothing of which ids exist.
    if (!this.links.verify(fileId, signature)) throw new NotFoundException(`File ${fileId} not found`);
    const { file, content } = await this.files.openByLink(fileId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: file.mediaType,
      length: file.size,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
  }
}
