import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bearerToken, TOKEN_VERIFIER } from '../auth/auth.guard.js';
import { Public } from '../auth/decorators.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AccountsService, profileClaims } from './accounts.service.js';
import { USERINFO_PATH } from './protocol-paths.js';

/**
 * OpenID userinfo, answering for the API's JWT access tokens as Keycloak does (keycloak-js
 * `loadUserInfo()`); the provider's own endpoint only takes tokens without an audience.
 */
@Public()
@ApiExcludeController()
@Controller(`realms/:realm${USERINFO_PATH}`)
export class UserinfoController {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  get(@Param('realm') realm: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.userinfo(realm, req, res);
  }

  @Post()
  @HttpCode(200)
  post(@Param('realm') realm: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.userinfo(realm, req, res);
  }

  private async userinfo(realm: string, req: Request, res: Response) {
    if (realm !== this.config.OIDC_REALM) throw new NotFoundException(`Unknown realm ${realm}`);
    res.setHeader('Cache-Control', 'no-store');
    const token = bearerToken(req.headers.authorization);
    const user = token ? await this.verifier.verify(token).catch(() => undefined) : undefined;
    const account = user ? await this.accounts.findEnabled(user.id) : undefined;
    if (!account) {
      res.setHeader('WWW-Authenticate', token ? 'Bearer error="invalid_token"' : 'Bearer');
      throw new UnauthorizedException('A valid access token is required');
    }
    return {
      ...profileClaims(account),
      ...(account.agencyCode ? { [this.config.OIDC_AGENCY_CLAIM]: account.agencyCode } : {}),
    };
  }
}
