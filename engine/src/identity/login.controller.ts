import { Body, Controller, Get, Inject, Logger, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import type { LazyOidcProvider } from './lazy-oidc-provider.js';
import { Public } from '../auth/decorators.js';
import type { Role } from '../auth/roles.js';
import { PortalApplicantLinker } from '../national-portal/portal-applicants.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AccountsService } from './accounts.service.js';
import { LoginLockedError } from './login-throttle.js';
import { OIDC_PROVIDER } from './identity.tokens.js';
import { errorPage, loginPage } from './pages.js';
import { VNEID_CALLBACK_PATH, VneidBroker, VneidRefusal } from './vneid.js';

export class LoginForm {
  @IsString()
  @MaxLength(200)
  username!: string;

  @IsString()
  @MaxLength(1000)
  password!: string;
}

/**
 * The provider's interaction pages (Keycloak's "login-actions"): the provider redirects the browser
 * here with an interaction id, and the result is handed back to it to finish the authorization.
 */
@Public()
@ApiExcludeController()
@Controller('realms/:realm/login-actions/:uid')
export class LoginController {
  constructor(
    @Inject(OIDC_PROVIDER) private readonly provider: LazyOidcProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly vneid: VneidBroker,
    private readonly portalApplicants: PortalApplicantLinker,
  ) {}

  @Get()
  async show(@Param('realm') realm: string, @Param('uid') uid: string, @Req() req: Request, @Res() res: Response) {
    const interaction = await this.interaction(realm, uid, req, res);
    if (!interaction) return;
    if (interaction.prompt.name !== 'login') {
      // First-party clients never ask for consent (see loadExistingGrant); nothing else is expected.
      return (await this.provider()).interactionFinished(req, res, {
        error: 'access_denied',
        error_description: `unsupported interaction prompt: ${interaction.prompt.name}`,
      });
    }
    const hint = interaction.params.login_hint;
    this.render(res, 200, realm, uid, typeof hint === 'string' ? hint : undefined);
  }

  @Post('login')
  async login(
    @Param('realm') realm: string,
    @Param('uid') uid: string,
    @Body() form: LoginForm,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (!(await this.interaction(realm, uid, req, res))) return;
    let user;
    try {
      user = await this.accounts.authenticate(form.username, form.password);
    } catch (error) {
      if (!(error instanceof LoginLockedError)) throw error;
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      return this.render(res, 429, realm, uid, form.username, `Đăng nhập sai quá nhiều lần. Tài khoản tạm khóa, vui lòng thử lại sau ${minutes} phút.`);
    }
    if (!user) {
      return this.render(res, 401, realm, uid, form.username, 'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại.');
    }
    await (await this.provider()).interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
  }

  /** "Đăng nhập bằng VNeID": on to VNeID, which answers at VneidCallbackController. */
  @Post('vneid')
  async vneidLogin(@Param('realm') realm: string, @Param('uid') uid: string, @Req() req: Request, @Res() res: Response) {
    if (!this.vneid.enabled) throw new NotFoundException('VNeID sign-in is not configured');
    if (!(await this.interaction(realm, uid, req, res))) return;
    res.redirect(303, (await this.vneid.begin(uid)).href);
  }

  @Post('abort')
  async abort(@Param('realm') realm: string, @Param('uid') uid: string, @Req() req: Request, @Res() res: Response) {
    if (!(await this.interaction(realm, uid, req, res))) return;
    await (await this.provider()).interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'the user cancelled the login' },
      { mergeWithLastSubmission: false },
    );
  }

  /** The pending interaction, or an explanatory page when it has expired or belongs to another browser. */
  private async interaction(realm: string, uid: string, req: Request, res: Response) {
    if (realm !== this.config.OIDC_REALM) throw new NotFoundException(`Unknown realm ${realm}`);
    try {
      const interaction = await (await this.provider()).interactionDetails(req, res);
      if (interaction.uid === uid) return interaction;
    } catch {
      // expired, already finished, or the interaction cookie is missing: same page below
    }
    res
      .status(400)
      .type('html')
      .send(errorPage('session_expired', 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng quay lại trang dịch vụ và đăng nhập lại.'));
    return undefined;
  }

  private render(res: Response, status: number, realm: string, uid: string, username?: string, error?: string): void {
    const base = `/realms/${encodeURIComponent(realm)}/login-actions/${encodeURIComponent(uid)}`;
    res
      .status(status)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(loginPage({ action: `${base}/login`, abortAction: `${base}/abort`, vneidAction: this.vneid.enabled ? `${base}/vneid` : undefined, username, error }));
  }
}

/**
 * Where VNeID sends the citizen back (Keycloak's broker endpoint path). The verified personal
 * identification number finds or creates the citizen's account, which completes the provider's
 * interaction; the browser then resumes it with its own resume cookie, so an answer cannot
 * complete a sign-in started in another browser.
 */
@Public()
@ApiExcludeController()
@Controller(`realms/:realm/${VNEID_CALLBACK_PATH}`)
export class VneidCallbackController {
  private readonly logger = new Logger('VNeID');

  constructor(
    @Inject(OIDC_PROVIDER) private readonly provider: LazyOidcProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly vneid: VneidBroker,
    private readonly portalApplicants: PortalApplicantLinker,
  ) {}

  @Get()
  async callback(@Param('realm') realm: string, @Req() req: Request, @Res() res: Response) {
    if (realm !== this.config.OIDC_REALM || !this.vneid.enabled) throw new NotFoundException('VNeID sign-in is not configured');
    const page = (status: number, error: string, description: string) =>
      res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(errorPage(error, description));
    let answer;
    try {
      answer = await this.vneid.finish(new URL(`${this.vneid.redirectUri}${new URL(req.originalUrl, 'http://callback').search}`));
    } catch (error) {
      if (!(error instanceof VneidRefusal)) throw error;
      this.logger.warn(`VNeID sign-in refused: ${error.message}`);
      return page(401, 'vneid_refused', 'Không xác thực được danh tính qua VNeID. Vui lòng quay lại trang dịch vụ và đăng nhập lại.');
    }
    const interaction = await (await this.provider()).Interaction.find(answer.uid);
    if (!interaction) return page(400, 'session_expired', 'Phiên đăng nhập đã hết hạn. Vui lòng quay lại trang dịch vụ và đăng nhập lại.');
    const user = await this.accounts.citizenFromVneid(answer.identity.personalId, answer.identity.name);
    if (!user) return page(403, 'account_disabled', 'Tài khoản của bạn trên hệ thống đã bị khóa. Vui lòng liên hệ bộ phận hỗ trợ.');
    await this.portalApplicants.claim({ id: user.id, roles: user.roles as Role[], citizenId: user.citizenId ?? undefined });
    interaction.result = { login: { accountId: user.id } };
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    res.redirect(303, interaction.returnTo);
  }
}
