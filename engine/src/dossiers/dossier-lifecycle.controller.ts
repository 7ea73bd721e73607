import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { DossierActionsService } from './dossier-actions.service.js';
import { ApologyDto, CashPaymentDto, CounterSubmissionDto, SubmitDossierDto, SupplementDto, WithdrawDto } from './dossiers.dto.js';
import { SubmissionService } from './submission.service.js';
import { BadRequestException } from '@nestjs/common';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/dossiers')
export class DossierLifecycleController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly actions: DossierActionsService,
  ) {}

  @Post()
  @Roles(Role.Citizen)
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
    return dossier;
  }

  @Post('counter')
  @Roles(Role.Reception)
  @ApiOperation({ summary: 'Submit a dossier at the counter on the applicant’s behalf (reception officer of the procedure’s agency).' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async submitAtCounter(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CounterSubmissionDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { dossier, created } = await this.submissions.submit(user, { ...body, idempotencyKey: idempotencyKey(key) });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return dossier;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dossier with its status label, clock (elapsed working time, pauses) and appointments; 404 when the caller may not see it.' })
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.detail(user, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every status change: who, when, from which step, with what note.' })
  history(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.history(user, id);
  }

  @Get(':id/control-sheet')
  @ApiOperation({ summary: 'Phiếu kiểm soát: every hand-over between steps, its due time, completion, on time or late and the unit holding it.' })
  controlSheet(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.controlSheetOf(user, id);
  }

  @Get(':id/diagram')
  @ApiOperation({ summary: 'The BPMN diagram (XML) of the dossier’s procedure version, with the elements active now and those completed; 404 when the caller may not see the dossier.' })
  diagram(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.diagram(user, id);
  }

  @Get(':id/documents')
  @ApiOperation({ summary: 'Documents issued for the dossier (receipt, refusal, result, apology…) with their signatures.' })
  documents(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.documentList(user, id);
  }

  @Get(':id/document-history')
  @ApiOperation({ summary: 'Earlier letters and documents of the dossier that a newer one of the same kind replaced (oldest first).' })
  documentHistory(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.documentHistory(user, id);
  }

  @Get(':id/documents/:kind')
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
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The applicant answers a supplement request with files and a note; the clock restarts per the procedure’s policy.' })
  supplement(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SupplementDto) {
    return this.actions.supplement(user, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The applicant withdraws the dossier.' })
  withdraw(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: WithdrawDto) {
    return this.actions.withdraw(user, id, body.reason);
  }

  @Post(':id/fee-payments')
  @Roles(Role.Reception)
  @ApiOperation({ summary: 'Record a fee paid in cash at the counter; the process hears fee-paid.' })
  pay(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CashPaymentDto) {
    return this.actions.recordCashPayment(user, id, body);
  }

  @Post(':id/apology')
  @Roles(Role.Leader)
  @ApiOperation({ summary: 'Give a new appointment with an apology letter (phiếu xin lỗi và hẹn lại); the letter is generated.' })
  apologise(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ApologyDto) {
    return this.actions.apologise(user, id, body);
  }
}

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) throw new BadRequestException('Idempotency-Key must be 8 to 128 letters, digits or ._:-');
  return header;
}
