import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { toUserAccountDto, UserAccountDto } from './users.dto.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { UsersRepository } from './users.repository.js';

/** Accounts of the built-in provider, for administrators (with Keycloak, its admin console does this). */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'All accounts of the built-in identity provider (administrators).' })
  @ApiOkResponse({ type: [UserAccountDto] })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async list() {
    return (await this.users.list()).map(toUserAccountDto);
  }
}
