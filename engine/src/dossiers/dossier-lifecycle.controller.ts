import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { DossierActionsService } from './dossier-actions.service.js';
import { ApologyDto, CashPaymentDto, CounterSubmissionDto, SubmitDossierDto, SupplementDto, WithdrawDto } from './dossiers.dto.js';
import { SubmissionService } from './submission.service.js';
import {
  ControlSheetDto,
  DossierDetailDto,
  DossierDiagramDto,
  DossierDto,
  FeePaymentDto,
  HistoryEntryDto,
  IssuedDocumentDto,
  ReplacedDocumentDto,
  toControlEntryDto,
  toDeadlineAlertDto,
  toDossierDetailDto,
  toDossierDto,
  toFeePaymentDto,
  toHistoryEntryDto,
  toIssuedDocumentDto,
  toReplacedDocumentDto,
} from './dossier-responses.dto.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { BadRequestException } from '@nestjs/common';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No or invalid bearer token' })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such dossier, or the caller may not see it' })
@Controller('api/dossiers')
export class DossierLifecycleController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly actions: DossierActionsService,
  ) {}

  @Post()
  @Roles(Role.Citizen)
  @ApiCreatedResponse({ type: DossierDto, description: 'The new dossier' })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier an earlier request with the same Idempotency-Key created' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiOperation({ summary: 'Submit a dossier online (citizen). A retry with the same Idempotency-Key returns the same dossier (200) instead of a second one.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–128 characters chosen by the client, one per submission' })
  async submit(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SubmitDossierDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { dossier, created } = await this.submissions.submit(user, { ...body, channel: 'online', idempotencyKey: idempotencyKey(key) });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toDossierDto(dossier);
  }

  @Post('counter')
  @Roles(Role.Reception)
  @ApiCreatedResponse({ type: DossierDto, description: 'The new dossier' })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier an earlier request with the same Idempotency-Key created' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiOperation({ summary: 'Submit a dossier at the counter on the applicant’s behalf (reception officer of any centre, for an agency offering the procedure).' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async submitAtCounter(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CounterSubmissionDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { dossier, created } = await this.submissions.submit(user, { ...body, idempotencyKey: idempotencyKey(key) });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toDossierDto(dossier);
  }

  @Get(':id')
  @ApiOkResponse({ type: DossierDetailDto })
  @ApiOperation({ summary: 'One dossier with its status label, clock (elapsed working time, pauses) and appointments; 404 when the caller may not see it.' })
  async detail(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return toDossierDetailDto(await this.actions.detail(user, id));
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiOperation({ summary: 'Every status change: who, when, from which step, with what note.' })
  async history(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return (await this.actions.history(user, id)).map(toHistoryEntryDto);
  }

  @Get(':id/control-sheet')
  @ApiOkResponse({ type: ControlSheetDto })
  @ApiOperation({ summary: 'Phiếu kiểm soát: every hand-over between steps, its due time, completion, on time or late and the unit holding it.' })
  async controlSheet(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    const sheet = await this.actions.controlSheetOf(user, id);
    return { dossierId: sheet.dossierId, code: sheet.code, entries: sheet.entries.map(toControlEntryDto), alerts: sheet.alerts.map(toDeadlineAlertDto) };
  }

  @Get(':id/diagram')
  @ApiOkResponse({ type: DossierDiagramDto })
  @ApiOperation({ summary: 'The BPMN diagram (XML) of the dossier’s procedure version, with the elements active now and those completed; 404 when the caller may not see the dossier.' })
  diagram(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.diagram(user, id);
  }

  @Get(':id/documents')
  @ApiOkResponse({ type: [IssuedDocumentDto] })
  @ApiOperation({ summary: 'Documents issued for the dossier (receipt, refusal, result, apology…) with their signatures.' })
  async documents(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return (await this.actions.documentList(user, id)).map(toIssuedDocumentDto);
  }

  @Get(':id/document-history')
  @ApiOkResponse({ type: [ReplacedDocumentDto] })
  @ApiOperation({ summary: 'Earlier letters and documents of the dossier that a newer one of the same kind replaced (oldest first).' })
  async documentHistory(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return (await this.actions.documentHistory(user, id)).map(toReplacedDocumentDto);
  }

  @Get(':id/documents/:kind')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Download the PDF of one document kind, as it now stands (signed).' })
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('kind') kind: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { fileName, content } = await this.actions.document(user, id, kind);
    response.setHeader('content-type', 'application/pdf');
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return new StreamableFile(content as Readable);
  }

  @Post(':id/supplement')
  @ApiOkResponse({ type: DossierDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Only the applicant, or the counter for a dossier without an account' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The dossier’s status does not allow it' })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The applicant answers a supplement request with files and a note; the clock restarts per the procedure’s policy.' })
  async supplement(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SupplementDto) {
    return toDossierDto(await this.actions.supplement(user, id, body));
  }

  @Post(':id/withdraw')
  @ApiOkResponse({ type: DossierDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Only the applicant, or the counter for a dossier without an account' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The dossier’s status does not allow it' })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The applicant withdraws the dossier.' })
  async withdraw(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: WithdrawDto) {
    return toDossierDto(await this.actions.withdraw(user, id, body.reason));
  }

  @Post(':id/fee-payments')
  @ApiCreatedResponse({ type: FeePaymentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The dossier waits for no fee, or it is already paid' })
  @Roles(Role.Reception)
  @ApiOperation({ summary: 'Record a fee paid in cash at the counter; the process hears fee-paid.' })
  async pay(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CashPaymentDto) {
    return toFeePaymentDto(await this.actions.recordCashPayment(user, id, body));
  }

  @Post(':id/apology')
  @ApiCreatedResponse({ type: IssuedDocumentDto, description: 'The signed apology letter' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The deadline rules allow no apology now (not received, already apologised, or too late)' })
  @Roles(Role.Leader)
  @ApiOperation({ summary: 'Give a new appointment with an apology letter (phiếu xin lỗi và hẹn lại); the letter is generated.' })
  async apologise(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ApologyDto) {
    return toIssuedDocumentDto(await this.actions.apologise(user, id, body));
  }
}

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) throw new BadRequestException('Idempotency-Key must be 8 to 128 letters, digits or ._:-');
  return header;
}
