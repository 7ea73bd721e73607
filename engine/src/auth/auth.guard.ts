import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from './current-user.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';
import type { Role } from './roles.js';
import { InvalidTokenError, IssuerUnavailableError, TokenVerifier } from './token-verifier.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Every route needs a valid bearer token unless marked @Public(): 401 without a trustworthy token
 * (with the RFC 6750 WWW-Authenticate header), 403 when the token lacks every role of @Roles().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('An access token is required (Authorization: Bearer …)');
    }
    try {
      request.user = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.message}"`);
        throw new UnauthorizedException(`Invalid access token: ${error.message}`);
      }
      if (error instanceof IssuerUnavailableError) {
        this.logger.error(error.message);
        throw new ServiceUnavailableException('The identity provider cannot be reached; try again shortly');
      }
      throw error;
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => request.user!.roles.includes(role))) {
      throw new ForbiddenException(`This action requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
