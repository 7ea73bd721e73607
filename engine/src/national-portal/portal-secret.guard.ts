import { Inject, Injectable, NotFoundException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { NATIONAL_PORTAL_SETTINGS, type NationalPortalSettings } from './national-portal-settings.js';

/**
 * Lets through only the national portal, presenting the shared secret as a bearer token; checked
 * before the body is, so that a caller without the secret learns nothing of the expected shape.
 */
@Injectable()
export class PortalSecretGuard implements CanActivate {
  constructor(@Inject(NATIONAL_PORTAL_SETTINGS) private readonly settings: NationalPortalSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const secret = this.settings.inboundSecret;
    if (!secret) throw new NotFoundException('The national portal connection is not configured');
    const authorization = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = /^Bearer (.+)$/.exec(authorization)?.[1] ?? '';
    // Digests of equal length: the comparison takes the same time whatever was presented.
    if (!timingSafeEqual(digest(presented), digest(secret))) throw new UnauthorizedException('Not the national portal');
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
