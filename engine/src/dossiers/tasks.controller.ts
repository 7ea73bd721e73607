import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { DossierDto, toDossierDto } from './dossier-responses.dto.js';
import { TaskDetailDto, toTaskDetailDto, toWorkPageDto, WorkPageDto } from './task-responses.dto.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { OFFICER_ROLES } from '../auth/roles.js';
import { TASK_ACTIONS, type TaskAction } from './task-rules.js';
import { TasksService } from './tasks.service.js';

export class WorklistQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Steps per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;
}

export class CompleteTaskDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Values of the task’s form; validated against its schema' })
  @IsObject()
  variables!: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The leader’s signing PIN when her approval signs the draft with her own key (400 when wrong; the step stays open). Never stored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signingPin?: string;
}

export class TaskActionDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Further values of the task’s form' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Reasons of a refusal or supplement request' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reasons?: string;

  @ApiPropertyOptional({ description: 'What the applicant must supplement, item by item' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  missingItems?: string[];

  @ApiPropertyOptional({ enum: ['meets', 'supplement', 'refuse'], description: 'Appraisal result (appraise)' })
  @IsOptional()
  @IsIn(['meets', 'supplement', 'refuse'])
  result?: string;

  @ApiPropertyOptional({
    description: 'The leader’s signing PIN when her approval signs the draft with her own key (400 when wrong; the step stays open). Never stored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signingPin?: string;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Roles(...OFFICER_ROLES)
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Officers only' })
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary: 'Worklist: open steps of the caller’s agency offered to his roles, oldest hand-over first, with due times coloured on_time / due_soon / late; one page, `next` leads to the following one.',
  })
  @ApiOkResponse({ type: WorkPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async worklist(@CurrentUser() user: AuthenticatedUser, @Query() query: WorklistQueryDto) {
    return toWorkPageDto(await this.tasks.worklist(user, query.limit ?? 50, query.after));
  }

  @Get(':key')
  @ApiOperation({ summary: 'One task with its form schema and the dossier’s variables.' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such open task for the caller' })
  async task(@CurrentUser() user: AuthenticatedUser, @Param('key') key: string) {
    return toTaskDetailDto(await this.tasks.task(user, key));
  }

  @Post(':key/claim')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take the task; 409 when another officer holds it.' })
  @ApiNoContentResponse({ description: 'Claimed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Another officer holds the task' })
  claim(@CurrentUser() user: AuthenticatedUser, @Param('key') key: string) {
    return this.tasks.claim(user, key);
  }

  @Post(':key/unclaim')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Give the task back to the group.' })
  @ApiNoContentResponse({ description: 'Given back' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  unclaim(@CurrentUser() user: AuthenticatedUser, @Param('key') key: string) {
    return this.tasks.unclaim(user, key);
  }

  @Post(':key/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Complete the task with its form’s values (checked against the form schema).' })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier after the step' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Values that do not fit the form' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  async complete(@CurrentUser() user: AuthenticatedUser, @Param('key') key: string, @Body() body: CompleteTaskDto) {
    return toDossierDto(await this.tasks.complete(user, key, body.variables, undefined, body.signingPin));
  }

  @Post(':key/actions/:action')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: `A named action of the step, completing it with the contract's decision: ${TASK_ACTIONS.join(', ')}.` })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier after the step' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Unknown action, or values that do not fit the form' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  async act(
    @CurrentUser() user: AuthenticatedUser,
    @Param('key') key: string,
    @Param('action', new ParseEnumPipe(Object.fromEntries(TASK_ACTIONS.map((a) => [a, a])))) action: TaskAction,
    @Body() body: TaskActionDto,
  ) {
    return toDossierDto(await this.tasks.act(user, key, action, body));
  }
}
