import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { MeDto, toMeDto } from './me.dto.js';
import { CurrentUser, type AuthenticatedUser } from './current-user.js';
import { PortalApplicantLinker } from '../national-portal/portal-applicants.js';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly portalApplicants: PortalApplicantLinker) {}

  @Get()
  @ApiOperation({
    summary:
      'The caller as the platform sees him: subject, roles, agency. For a citizen, the dossiers the national portal delivered under his personal identification number become his.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    // The web app asks this first after every sign-in: the moment the platform sees one brokered elsewhere.
    await this.portalApplicants.claim(user);
    return toMeDto(user);
  }
}
