import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/environment.js';

/**
 * Security headers on every response (helmet): nosniff, no referrer to other origins, no framing
 * by other sites, HSTS when the public address is https, and a Content Security Policy for the
 * web app. The policy allows what the app does: its own scripts only; inline styles (bpmn-js,
 * form-js and dmn-js set them); blob: frames and images (file previews); the OpenID provider's
 * origin for sign-in requests and the silent sign-in frame. The built-in provider's own pages
 * under /realms get the same headers without the app's policy: oidc-provider writes theirs.
 */
export function securityHeaders(config: AppConfig) {
  const issuerOrigin = config.OIDC_ISSUER ? new URL(config.OIDC_ISSUER).origin : undefined;
  const external = issuerOrigin ? [issuerOrigin] : [];
  const https = config.PUBLIC_URL?.startsWith('https://') ?? false;
  const common = {
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'sameorigin' as const },
    referrerPolicy: { policy: 'same-origin' as const },
    crossOriginEmbedderPolicy: false,
  };
  const app = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...external],
        frameSrc: ["'self'", 'blob:', ...external],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'", ...external],
        frameAncestors: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
  });
  const provider = helmet({ ...common, contentSecurityPolicy: false });
  return (request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/realms/') ? provider : app)(request, response, next);
}
