import { BadRequestException, Controller, Get, HttpCode, Inject, Param, Post, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { toUploadVerificationDto, UploadVerificationDto } from './verification.dto.js';
import type { Response } from 'express';
import type {} from 'multer'; // declares Express.Multer.File
import { Public } from '../auth/decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { clientRateLimit } from '../web/client-rate-limit.js';
import { notFoundPage, verificationPage } from './verification-page.js';
import { VerificationService } from './verification.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Anyone holding a document (a bank, a notary, the citizen) can check it without an account. */

/** Public and CPU-bound (every signature hashes the file): a burst of 20 checks, then one every 3 s per client. */
export const VERIFY_BURST = 20;
const VerifyRateLimit = clientRateLimit({ burst: VERIFY_BURST, refillPerSecond: 1 / 3, tooMany: 'Too many verifications from this address' });

@ApiTags('verification')
@Public()
@Controller()
export class VerificationController {
  constructor(
    private readonly verification: VerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('verify/:id')
  @ApiOperation({ summary: 'Public page of an issued document (the target of its QR code), in Vietnamese.' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No such issued document (an HTML page saying so)', content: { 'text/html': { schema: { type: 'string' } } } })
  async page(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const result = UUID.test(id) ? await this.verification.verifyIssued(id.toLowerCase()) : undefined;
    res
      .status(result ? 200 : 404)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(result ? verificationPage(result, this.config.CALENDAR_UTC_OFFSET_MINUTES) : notFoundPage());
  }

  @Post('api/verify')
  @UseGuards(VerifyRateLimit)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Check every signature of an uploaded PDF (multipart field "file"): digest, CMS signature, certificate chain; and whether the bytes are a document issued here.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: UploadVerificationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  async verify(@UploadedFile() file?: Express.Multer.File): Promise<UploadVerificationDto> {
    if (!file) throw new BadRequestException('Send the PDF as multipart/form-data in the field "file"');
    return toUploadVerificationDto(await this.verification.verifyUpload(file.buffer));
  }
}
