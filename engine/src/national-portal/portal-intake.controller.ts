import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, NotFoundException, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/decorators.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { NATIONAL_PORTAL_SETTINGS, type NationalPortalSettings } from './national-portal-settings.js';
import { PortalDossierDto, PortalReceiptDto, toPortalReceiptDto } from './portal-intake.dto.js';
import { PortalIntake } from './portal-intake.service.js';

/** The national portal delivers dossiers filed on it; it authenticates with the shared secret, not a user token. */
@ApiTags('national-portal')
@Controller('api/national-portal')
export class PortalIntakeController {
  constructor(
    @Inject(NATIONAL_PORTAL_SETTINGS) private readonly settings: NationalPortalSettings,
    private readonly intake: PortalIntake,
  ) {}

  @Post('dossiers')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A dossier filed on the national public service portal (Authorization: Bearer NATIONAL_PORTAL_INBOUND_SECRET). It is filed with the competent agency as an online submission of the applicant; the same MaHoSo delivered again returns the dossier filed the first time.',
  })
  @ApiOkResponse({ type: PortalReceiptDto })
  @ApiCreatedResponse({ description: 'Not used: a delivery answers 200 whether it filed the dossier or found it' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or wrong secret' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No inbound secret configured: the portal connection is off' })
  async receive(@Headers('authorization') authorization: string | undefined, @Body() body: PortalDossierDto): Promise<PortalReceiptDto> {
    this.authenticate(authorization);
    const { dossier, created } = await this.intake.receive(body);
    return toPortalReceiptDto(body.MaHoSo, dossier, created);
  }

  private authenticate(authorization: string | undefined): void {
    const secret = this.settings.inboundSecret;
    if (!secret) throw new NotFoundException('The national portal connection is not configured');
    const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    // Digests of equal length: the comparison takes the same time whatever was presented.
    if (!timingSafeEqual(digest(presented), digest(secret))) throw new UnauthorizedException('Not the national portal');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
