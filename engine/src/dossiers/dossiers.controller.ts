import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { DossierPageDto, toDossierPageDto } from './dossier-responses.dto.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { ListDossiersQuery } from './dossier-list.query.js';
import { DossiersService } from './dossiers.service.js';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get()
  @ApiOperation({
    summary:
      'Dossiers the caller may see, newest first: his own (citizen), his agency’s (officer), all (supervisor); narrowed by status, procedure, code or name, received period and deadline.',
  })
  @ApiOkResponse({ type: DossierPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListDossiersQuery) {
    return toDossierPageDto(await this.dossiers.list(user, query));
  }
}
