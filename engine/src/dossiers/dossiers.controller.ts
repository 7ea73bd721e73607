import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { DossiersService } from './dossiers.service.js';

export class ListDossiersQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  /** Id of the last dossier of the previous page (`next` of that page). */
  @IsOptional()
  @IsUUID()
  after?: string;
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get()
  @ApiOperation({ summary: 'Dossiers the caller may see, newest first: his own (citizen), his agency’s (officer), all (supervisor).' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListDossiersQuery) {
    return this.dossiers.list(user, query.limit, query.after);
  }
}
