import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListDossiersQuery) {
    return this.dossiers.list(user, query);
  }
}
