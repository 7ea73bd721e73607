import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, NotFoundException, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import type { Request, Response } from 'express';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Public, Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { CreatePaymentDto, CreatedPaymentDto, FeesDueDto, NationalNoticeAnswerDto, PaymentCallbackDto, PaymentOrderDto } from './payments.dto.js';
import { PaymentsService } from './payments.service.js';
import { errorPage, sandboxBankPage } from './payment-pages.js';
import { SandboxBank, SandboxRequestError } from './sandbox-bank.js';
import { SANDBOX_BANK_PATH } from './sandbox-payment.provider.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The citizen portal's page of one dossier (web app route). */
export const PORTAL_DOSSIER_PATH = '/portal/ho-so';

@ApiTags('payments')
@Controller('api/payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    /** null unless PAYMENT_PROVIDER=sandbox: the test bank must not exist where real fees are paid. */
    @Inject(SandboxBank) private readonly sandbox: SandboxBank | null,
    @Inject(CLOCK) private readonly clock: PlatformClock,
  ) {}

  private get bank(): SandboxBank {
    if (!this.sandbox) throw new NotFoundException();
    return this.sandbox;
  }

  @Post()
  @Roles(Role.Citizen)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Open an online payment for the fees the applicant’s dossier waits for; answers the gateway URL to send the payer to.' })
  @ApiCreatedResponse({ type: CreatedPaymentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not one of the caller’s dossiers' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The dossier waits for no fee' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePaymentDto, @Req() request: Request) {
    return this.payments.create(user, body, request.ip ?? '127.0.0.1');
  }

  @Get()
  @Roles(Role.Citizen)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Payment orders of one of the applicant’s dossiers, newest first.' })
  @ApiOkResponse({ type: [PaymentOrderDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not one of the caller’s dossiers' })
  list(@CurrentUser() user: AuthenticatedUser, @Query('dossierId') dossierId: string) {
    if (!dossierId) throw new BadRequestException('dossierId is required');
    return this.payments.list(user, dossierId);
  }

  @Get('due')
  @Roles(Role.Citizen)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Fees an online payment of the applicant’s dossier would cover now, with their total (in đồng). 409 unless it waits for a fee.' })
  @ApiOkResponse({ type: FeesDueDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not one of the caller’s dossiers' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The dossier waits for no fee' })
  due(@CurrentUser() user: AuthenticatedUser, @Query('dossierId') dossierId: string) {
    if (!dossierId || !UUID.test(dossierId)) throw new BadRequestException(['dossierId must be a UUID']);
    return this.payments.due(user, dossierId);
  }

  @Get('ipn')
  @Public()
  @ApiOperation({
    summary: 'Signed payment callback (IPN) of the gateway. 400: forged or malformed; 404: unknown order; 409: contradicts how the order was settled. Repeating a callback is harmless.',
  })
  @ApiOkResponse({ type: PaymentCallbackDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Forged or malformed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown order' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Contradicts how the order was settled' })
  async ipn(@Query() query: Record<string, unknown>): Promise<PaymentCallbackDto> {
    const { outcome, order } = await this.payments.handleCallback(stringParams(query));
    return { outcome, order };
  }

  @Post('national/notice')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Signed payment result notice of the national payment platform (JSON). Answers MaLoi 00 when accepted or repeated; a forged, altered or contradicting notice is refused (400, 404 or 409, MaLoi 99) and changes nothing.',
  })
  @ApiOkResponse({ type: NationalNoticeAnswerDto })
  @ApiBadRequestResponse({ type: NationalNoticeAnswerDto, description: 'Forged, altered or malformed, or the amount differs from the order' })
  @ApiNotFoundResponse({ type: NationalNoticeAnswerDto, description: 'Unknown order' })
  @ApiConflictResponse({ type: NationalNoticeAnswerDto, description: 'Contradicts how the order was settled' })
  async nationalNotice(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<NationalNoticeAnswerDto> {
    const params = noticeParams(body);
    const answer = (MaLoi: string, MoTaLoi: string): NationalNoticeAnswerDto => ({
      MaLoi,
      MoTaLoi,
      MaDoiTac: params.MaDoiTac ?? '',
      MaThamChieu: params.MaThamChieu ?? '',
      ThoiGianGD: params.ThoiGianGD ?? '',
      MaXacThuc: params.MaXacThuc ?? '',
    });
    try {
      await this.payments.handleCallback(params);
      return answer('00', 'Thành công');
    } catch (error) {
      // The platform reads MaLoi; the status says the same to anything else in between.
      if (!(error instanceof HttpException)) throw error;
      res.status(error.getStatus());
      return answer('99', error.message);
    }
  }

  @Get('return')
  @Public()
  @ApiOperation({
    summary:
      'Where the gateway sends the payer back: a verified return goes on (303) to the dossier in the citizen portal with the recorded result (thanh-toan=paid|failed|pending); changes nothing.',
  })
  @ApiResponse({ status: HttpStatus.SEE_OTHER, description: 'On to the dossier in the citizen portal; Location carries thanh-toan=paid|failed|pending' })
  @ApiBadRequestResponse({ description: 'Not a verified return (an HTML page saying so)', content: { 'text/html': { schema: { type: 'string' } } } })
  async returned(@Query() query: Record<string, unknown>, @Res() res: Response) {
    const result = await this.payments.returned(stringParams(query));
    if (!result.valid || !result.order) {
      res.status(HttpStatus.BAD_REQUEST).type('html').send(errorPage('Không xác minh được kết quả thanh toán: dữ liệu trả về không hợp lệ.'));
      return;
    }
    // The callback, not this return, settled the order: the portal shows what was recorded.
    res.redirect(HttpStatus.SEE_OTHER, `${PORTAL_DOSSIER_PATH}/${result.order.dossierId}?thanh-toan=${result.order.status}`);
  }

  @Get('sandbox-bank/pay')
  @Public()
  @ApiExcludeEndpoint()
  bankPage(@Query() query: Record<string, unknown>, @Res() res: Response) {
    try {
      const view = this.bank.open(stringParams(query), this.clock.now());
      res.type('html').send(sandboxBankPage(view, SANDBOX_BANK_PATH));
    } catch (error) {
      if (!(error instanceof SandboxRequestError)) throw error;
      res.status(HttpStatus.BAD_REQUEST).type('html').send(errorPage(error.message));
    }
  }

  /** The payer's decision on the sandbox bank page: the bank notifies the platform (IPN), then sends the browser back. */
  @Post('sandbox-bank/pay')
  @Public()
  @ApiExcludeEndpoint()
  async bankDecision(@Body() body: Record<string, unknown>, @Res() res: Response) {
    const { decision, ...params } = stringParams(body);
    if (decision !== 'confirm' && decision !== 'cancel') throw new BadRequestException("decision must be 'confirm' or 'cancel'");
    let view;
    try {
      view = this.bank.open(params, this.clock.now());
    } catch (error) {
      if (!(error instanceof SandboxRequestError)) throw error;
      res.status(HttpStatus.BAD_REQUEST).type('html').send(errorPage(error.message));
      return;
    }
    const result = this.bank.result(view, decision, this.clock.now());
    // A real gateway calls the merchant over the network; the sandbox lives in the same process.
    await this.payments.handleCallback(result.params);
    res.redirect(HttpStatus.SEE_OTHER, `${view.params.vnp_ReturnUrl}?${result.query}`);
  }
}

/** A JSON notice's fields as text (SoTien may come as a number); nested values are malformed. */
function noticeParams(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = String(value);
    else if (typeof value === 'string') out[key] = value;
    else throw new BadRequestException(`Field ${key} must be text or a number`);
  }
  return out;
}

/** Query and form values as strings; a repeated parameter is malformed (a signature covers one value per name). */
function stringParams(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string') throw new BadRequestException(`Parameter ${key} must appear once, as text`);
    out[key] = value;
  }
  return out;
}
