import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { RateDossierDto, RatingDto, RatingSummaryDto, RatingSummaryQuery, toRatingDto, toRatingSummaryDto } from './ratings.dto.js';
import { RatingsService } from './ratings.service.js';

@ApiTags('ratings')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Post('dossiers/:id/rating')
  @Roles(Role.Citizen)
  @ApiOperation({ summary: 'The applicant rates the handling of his finished dossier, once (1–5 and a comment). 409 when not finished or already rated.' })
  @ApiCreatedResponse({ type: RatingDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not finished, or already rated' })
  async rate(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: RateDossierDto) {
    return toRatingDto(await this.ratings.rate(user, id, body));
  }

  @Get('dossiers/:id/rating')
  @ApiOperation({ summary: 'The rating of a dossier; 404 when the caller may not see the dossier or it has none.' })
  @ApiOkResponse({ type: RatingDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async rating(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return toRatingDto(await this.ratings.ofDossier(user, id));
  }

  @Get('ratings/summary')
  @Roles(Role.Supervisor, Role.Leader)
  @ApiOperation({ summary: 'Satisfaction per agency, procedure or officer: count, average, share of 4–5 ratings, distribution. Leaders see their agency.' })
  @ApiOkResponse({ type: RatingSummaryDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async summary(@CurrentUser() user: AuthenticatedUser, @Query() query: RatingSummaryQuery) {
    return toRatingSummaryDto(await this.ratings.summary(user, query));
  }
}
