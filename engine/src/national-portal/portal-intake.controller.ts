import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { PortalDossierDto, PortalReceiptDto, toPortalReceiptDto } from './portal-intake.dto.js';
import { PortalIntake } from './portal-intake.service.js';
import { PortalSecretGuard } from './portal-secret.guard.js';

/** The national portal delivers dossiers filed on it; it authenticates with the shared secret, not a user token. */
@ApiTags('national-portal')
@Controller('api/national-portal')
export class PortalIntakeController {
  constructor(private readonly intake: PortalIntake) {}

  @Post('dossiers')
  @Public()
  @UseGuards(PortalSecretGuard)
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A dossier filed on the national public service portal (Authorization: Bearer NATIONAL_PORTAL_INBOUND_SECRET). It is filed with the competent agency as an online submission of the applicant; the same MaHoSo delivered again returns the dossier filed the first time.',
  })
  @ApiOkResponse({ type: PortalReceiptDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or wrong secret' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No inbound secret configured: the portal connection is off' })
  async receive(@Body() body: PortalDossierDto): Promise<PortalReceiptDto> {
    const { dossier, created } = await this.intake.receive(body);
    return toPortalReceiptDto(body.MaHoSo, dossier, created);
  }
}
