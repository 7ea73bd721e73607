import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { RateDossierDto, RatingSummaryQuery } from './ratings.dto.js';
import { RatingsService } from './ratings.service.js';

@ApiTags('ratings')
@ApiBearerAuth()
@Controller('api')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Post('dossiers/:id/rating')
  @Roles(Role.Citizen)
  @ApiOperation({ summary: 'The applicant rates the handling of his finished dossier, once (1–5 and a comment). 409 when not finished or already rated.' })
  rate(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: RateDossierDto) {
    return this.ratings.rate(user, id, body);
  }

  @Get('dossiers/:id/rating')
  @ApiOperation({ summary: 'The rating of a dossier; 404 when the caller may not see the dossier or it has none.' })
  rating(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.ratings.ofDossier(user, id);
  }

  @Get('ratings/summary')
  @Roles(Role.Supervisor, Role.Leader)
  @ApiOperation({ summary: 'Satisfaction per agency, procedure or officer: count, average, share of 4–5 ratings, distribution. Leaders see their agency.' })
  summary(@CurrentUser() user: AuthenticatedUser, @Query() query: RatingSummaryQuery) {
    return this.ratings.summary(user, query);
  }
}
