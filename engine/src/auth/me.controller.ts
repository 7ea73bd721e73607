import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from './current-user.js';
import { ROLE_LABELS } from './roles.js';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The caller as the platform sees him: subject, roles, agency.' })
  me(@CurrentUser() user: AuthenticatedUser) {
    return { ...user, roleLabels: user.roles.map((role) => ROLE_LABELS[role]) };
  }
}
