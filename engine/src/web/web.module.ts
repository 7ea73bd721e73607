import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { hasBuiltSite, staticSite } from './static-site.js';

/** admin-ui/dist of the repository, from engine/dist/src/web. */
export const WEB_APP_ROOT = resolve(fileURLToPath(import.meta.url), '../../../../../admin-ui/dist');

/**
 * Mounts the web app at /. It runs at module init, which Nest calls after the API routes are
 * registered and before its not-found handler: every API route wins over the app.
 */
@Injectable()
class WebAppMount implements OnModuleInit {
  private readonly logger = new Logger('WebApp');

  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    if (!hasBuiltSite(WEB_APP_ROOT)) {
      this.logger.warn(`The web app is not built (${WEB_APP_ROOT} has no index.html): run npm run build; the API works without it`);
      return;
    }
    this.host.httpAdapter.use(staticSite(WEB_APP_ROOT));
  }
}

@Module({ providers: [WebAppMount] })
export class WebModule {}
