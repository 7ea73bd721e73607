import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { MeDto, toMeDto } from './me.dto.js';
import { CurrentUser, type AuthenticatedUser } from './current-user.js';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The caller as the platform sees him: subject, roles, agency.' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  me(@CurrentUser() user: AuthenticatedUser): MeDto {
    return toMeDto(user);
  }
}
