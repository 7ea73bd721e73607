import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { PortalApplicantsModule } from '../national-portal/portal-applicants.js';
import { AccountsService } from './accounts.service.js';
import { DemoAccountsSeeder } from './demo-accounts.seeder.js';
import { BUILT_IN_ISSUER_KEYS, IDENTITY_KEYS, OIDC_PROVIDER } from './identity.tokens.js';
import { loadOrCreateIdentityKeys, publicJwks, type IdentityKeys } from './keys.js';
import { LoginController, VneidCallbackController } from './login.controller.js';
import { purgeExpiredArtifacts } from './oidc-adapter.js';
import { lazyOidcProvider, type LazyOidcProvider } from './lazy-oidc-provider.js';
import { PROTOCOL_PATH, USERINFO_PATH } from './protocol-paths.js';
import { UserinfoController } from './userinfo.controller.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { VneidBroker } from './vneid.js';

const PURGE_INTERVAL_MS = 15 * 60 * 1000;

/**
 * The built-in OpenID provider, started when no external issuer (OIDC_ISSUER) is configured. It is
 * mounted at /realms/<realm> on the platform's own HTTP server.
 */
@Module({})
export class IdentityModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.OIDC_ISSUER) return { module: IdentityModule };
    return {
      module: IdentityModule,
      global: true,
      imports: [PortalApplicantsModule],
      controllers: [LoginController, VneidCallbackController, UserinfoController, UsersController],
      providers: [
        UsersRepository,
        AccountsService,
        VneidBroker,
        DemoAccountsSeeder,
        ExpiredArtifactsPurge,
        { provide: IDENTITY_KEYS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => loadOrCreateIdentityKeys(c.DATA_DIR) },
        { provide: BUILT_IN_ISSUER_KEYS, inject: [IDENTITY_KEYS], useFactory: publicJwks },
        {
          provide: OIDC_PROVIDER,
          inject: [APP_CONFIG, DATABASE, IDENTITY_KEYS, AccountsService, HttpAdapterHost],
          useFactory: (config: AppConfig, db: Database, keys: IdentityKeys, accounts: AccountsService, host: HttpAdapterHost) => {
            const provider = lazyOidcProvider({ config, db, keys, accounts });
            mount(provider, config, host);
            return provider;
          },
        },
      ],
      exports: [BUILT_IN_ISSUER_KEYS, UsersRepository, AccountsService],
    };
  }

}

/** Deletes expired sessions, codes and grants now and then; the provider ignores them anyway. */
@Injectable()
class ExpiredArtifactsPurge implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Identity');
  private timer?: NodeJS.Timeout;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      purgeExpiredArtifacts(this.db).catch((error: Error) => this.logger.warn(`Purging expired sessions failed: ${error.message}`));
    }, PURGE_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/**
 * Hands the provider's own routes (discovery and /protocol/openid-connect/*) to it. This runs while
 * the application is assembled, ahead of Nest's body parsers, because the provider reads request
 * bodies itself; the login pages and userinfo stay Nest routes.
 */
function mount(provider: LazyOidcProvider, config: AppConfig, host: HttpAdapterHost): void {
  let handle: ReturnType<Awaited<ReturnType<LazyOidcProvider>>['callback']> | undefined;
  const owned = (path: string) =>
    path.startsWith('/.well-known/') || (path.startsWith(`${PROTOCOL_PATH}/`) && path !== USERINFO_PATH);
  host.httpAdapter.use(`/realms/${encodeURIComponent(config.OIDC_REALM)}`, (req: Request, res: Response, next: NextFunction) => {
    if (!owned(req.path)) return next();
    if (handle) return handle(req, res);
    provider().then((created) => (handle ??= created.callback())(req, res), next);
  });
}
