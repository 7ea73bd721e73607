import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';

/**
 * Outside production an unset NATIONAL_PORTAL_LINK_SECRET falls back to this fixed key, so
 * development and tests run without setup; production refuses to start without a real one
 * when the portal is configured (environment.ts).
 */
const DEVELOPMENT_SECRET = 'development-only-portal-link-secret-not-for-production';

/** Keeps a file link of the portal from being taken for any other HMAC of the same key. */
const PURPOSE = 'national-portal-file';

/**
 * The addresses through which the national portal fetches a dossier's files: the file's id and an
 * HMAC of it, so only a link the platform gave out opens a file, without an account or token
 * (the portal fetches them with none). The links do not expire: the portal keeps the addresses.
 */
@Injectable()
export class PortalFileLinks {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secret = config.NATIONAL_PORTAL_LINK_SECRET ?? DEVELOPMENT_SECRET;
  }

  link(fileId: string): string {
    return `${this.config.PUBLIC_URL}/api/national-portal/files/${fileId}/${this.signature(fileId)}`;
  }

  verify(fileId: string, signature: string): boolean {
    const expected = Buffer.from(this.signature(fileId));
    const presented = Buffer.from(signature);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }

  private signature(fileId: string): string {
    return createHmac('sha256', this.secret).update(`${PURPOSE}:${fileId.toLowerCase()}`).digest('base64url');
  }
}
