import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { ConsultationDto, toConsultationDto } from './consultations.dto.js';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { OFFICER_ROLES, Role } from '../auth/roles.js';
import type { InboxFilter } from './consultations.repository.js';
import { ConsultationsService } from './consultations.service.js';

export class InboxQuery {
  @ApiPropertyOptional({ enum: ['open', 'answered', 'overdue', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'answered', 'overdue', 'all'])
  status: InboxFilter = 'open';
}

export class AnswerConsultationDto {
  @ApiProperty({ description: 'The agency’s opinion (ý kiến của cơ quan phối hợp)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  opinion!: string;
}

@ApiTags('consultations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get('api/consultations')
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: 'Inbox of the caller’s agency: consultation requests addressed to it, oldest due first, with late and escalation marks.' })
  @ApiOkResponse({ type: [ConsultationDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Officers of an agency only' })
  async inbox(@CurrentUser() user: AuthenticatedUser, @Query() query: InboxQuery) {
    return (await this.consultations.inbox(user, query.status)).map(toConsultationDto);
  }

  @Get('api/consultations/:id')
  @ApiOperation({ summary: 'One request, for the consulted and the requesting agency; 404 for anyone else.' })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return toConsultationDto(await this.consultations.get(user, id));
  }

  @Post('api/consultations/:id/answer')
  @Roles(Role.Specialist, Role.Leader)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Answer a request (specialist or leader of the consulted agency); the process hears consultation-answered. 409 when already answered.' })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already answered' })
  async answer(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: AnswerConsultationDto) {
    return toConsultationDto(await this.consultations.answer(user, id, body.opinion));
  }

  @Get('api/dossiers/:id/consultations')
  @ApiOperation({ summary: 'The consultations of a dossier, for the officers who may read it.' })
  @ApiOkResponse({ type: [ConsultationDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async ofDossier(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return (await this.consultations.ofDossier(user, id)).map(toConsultationDto);
  }
}
