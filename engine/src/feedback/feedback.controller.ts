import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
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
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Public, Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { clientRateLimit } from '../web/client-rate-limit.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { AnswerFeedbackDto, FeedbackDto, FeedbackListDto, FeedbackListQuery, FileAnonymousFeedbackDto, FileFeedbackDto, toFeedbackDto } from './feedback.dto.js';
import type { FeedbackRecord } from './feedback.schema.js';
import { FeedbackService } from './feedback.service.js';

/** Anonymous feedback needs no account: a few in a row from one address, then one a minute. */
const AnonymousFeedbackRateLimit = clientRateLimit({ burst: 5, refillPerSecond: 1 / 60, tooMany: 'Too much feedback from this address' });

@ApiTags('feedback')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('api')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    @Inject(CLOCK) private readonly clock: PlatformClock,
  ) {}

  @Post('feedback')
  @ApiBearerAuth()
  @Roles(Role.Citizen)
  @ApiOperation({ summary: 'A citizen files feedback (phản ánh, kiến nghị) about one of his dossiers or a procedure; answers with its code and deadline.' })
  @ApiCreatedResponse({ type: FeedbackDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not one of the caller’s dossiers' })
  async file(@CurrentUser() user: AuthenticatedUser, @Body() body: FileFeedbackDto): Promise<FeedbackDto> {
    return this.dto(await this.feedback.fileAsCitizen(user, body));
  }

  @Post('public/feedback')
  @Public()
  @UseGuards(AnonymousFeedbackRateLimit)
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too much feedback from this address; Retry-After says when to try again.' })
  @ApiOperation({ summary: 'Anyone files feedback about a procedure or an agency, with a name and a contact for the answer.' })
  @ApiCreatedResponse({ type: FeedbackDto })
  async fileAnonymously(@Body() body: FileAnonymousFeedbackDto): Promise<FeedbackDto> {
    return this.dto(await this.feedback.fileAnonymously(body));
  }

  @Get('feedback/mine')
  @ApiBearerAuth()
  @Roles(Role.Citizen)
  @ApiOperation({ summary: 'The caller’s own feedback, newest first, with the answers.' })
  @ApiOkResponse({ type: FeedbackListDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async mine(@CurrentUser() user: AuthenticatedUser): Promise<FeedbackListDto> {
    return { items: (await this.feedback.mine(user)).map((f) => this.dto(f)) };
  }

  @Get('feedback')
  @ApiBearerAuth()
  @Roles(Role.Supervisor, Role.Leader)
  @ApiOperation({ summary: 'Feedback to answer, newest first: supervisors see every agency’s, leaders their own.' })
  @ApiOkResponse({ type: FeedbackListDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: FeedbackListQuery): Promise<FeedbackListDto> {
    return { items: (await this.feedback.list(user, query)).map((f) => this.dto(f)) };
  }

  @Post('feedback/:id/answer')
  @ApiBearerAuth()
  @Roles(Role.Supervisor, Role.Leader)
  @ApiOperation({ summary: 'The agency’s leader (or a supervisor) answers a feedback, once.' })
  @ApiCreatedResponse({ type: FeedbackDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already answered' })
  async answer(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: AnswerFeedbackDto): Promise<FeedbackDto> {
    return this.dto(await this.feedback.answer(user, id, body));
  }

  private dto(row: FeedbackRecord): FeedbackDto {
    return toFeedbackDto(row, this.feedback.agencyName(row.agencyCode), this.clock.now());
  }
}
