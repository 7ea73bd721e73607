import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { toUploadedFileDto, UploadedFileDto, UploadLimitsDto } from './files.dto.js';
import type { Response } from 'express';
import type {} from 'multer'; // declares Express.Multer.File
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Public, Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { FilesService } from './files.service.js';
import { ALLOWED_EXTENSIONS, ALLOWED_MEDIA_TYPES } from './media-types.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller('api/files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('limits')
  @Public()
  // Stated before the upload, so the browser can refuse a file at once instead of after sending it.
  @ApiOperation({ summary: 'What an upload may be: largest size in bytes, accepted media types and file name endings.' })
  @ApiOkResponse({ type: UploadLimitsDto })
  limits(): UploadLimitsDto {
    return { maxBytes: this.config.UPLOAD_MAX_MB * 1024 * 1024, mediaTypes: [...ALLOWED_MEDIA_TYPES], extensions: [...ALLOWED_EXTENSIONS] };
  }

  @Post()
  // Files are attached by applicants (online, supplements) and by the counter receiving a dossier.
  @Roles(Role.Citizen, Role.Reception)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload one PDF, PNG or JPEG file (multipart field "file"), as a citizen or at the counter; 413 above the size limit.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: UploadedFileDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'No file, an empty one, or a type other than PDF, PNG or JPEG' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
  async upload(@CurrentUser() user: AuthenticatedUser, @UploadedFile() file?: Express.Multer.File) {
    if (!file) throw new BadRequestException('Send the file as multipart/form-data in the field "file"');
    const stored = await this.files.upload(user, { fileName: file.originalname, content: file.buffer });
    return toUploadedFileDto(stored);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Download a file: its uploader, or whoever may read a dossier that holds it.' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({
    description: 'The file as uploaded',
    content: Object.fromEntries(['application/pdf', 'image/png', 'image/jpeg'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, content } = await this.files.open(user, id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(content, {
      type: file.mediaType,
      length: file.size,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
  }
}
