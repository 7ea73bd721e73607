import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { JWK } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { BUILT_IN_ISSUER_KEYS } from '../identity/identity.tokens.js';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard.js';
import { trustedIssuer } from './issuer.js';
import { PortalApplicantsModule } from '../national-portal/portal-applicants.js';
import { MeController } from './me.controller.js';
import { TokenVerifier } from './token-verifier.js';

/** Bearer-token authentication for every route, against Keycloak (OIDC_ISSUER) or the built-in provider. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      imports: [PortalApplicantsModule],
      controllers: [MeController],
      providers: [
        {
          provide: TOKEN_VERIFIER,
          inject: [APP_CONFIG, { token: BUILT_IN_ISSUER_KEYS, optional: true }],
          useFactory: (config: AppConfig, localKeys?: { keys: JWK[] }) =>
            new TokenVerifier({
              issuer: trustedIssuer(config),
              audience: config.OIDC_AUDIENCE,
              agencyClaim: config.OIDC_AGENCY_CLAIM,
              // The built-in provider's keys are in this process: no HTTP round trip to PUBLIC_URL,
              // which a container behind a proxy often cannot reach.
              localKeys: config.OIDC_ISSUER ? undefined : localKeys,
            }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
