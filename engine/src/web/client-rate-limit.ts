import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * Token buckets per key, in memory: each key holds up to `capacity` tokens, refilled at `refillPerSecond`.
 * One replica counts only the requests it serves; with n replicas a client gets at most n times the rate,
 * which is still far too slow to guess with.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token for the key: 0 when granted, else the whole seconds until the next token. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond);
    bucket.at = now;
    this.buckets.delete(key); // re-inserted last: the map stays ordered from the least recently seen key
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerSecond));
  }
}

/**
 * A guard class limiting one public endpoint per client address (429 with Retry-After). It runs
 * before validation, so malformed requests count too. request.ip is the connection's peer, or the
 * client a configured proxy names (TRUSTED_PROXIES).
 */
export function clientRateLimit(options: { burst: number; refillPerSecond: number; tooMany: string }) {
  @Injectable()
  class ClientRateLimitGuard implements CanActivate {
    readonly buckets = new TokenBuckets(options.burst, options.refillPerSecond);

    canActivate(context: ExecutionContext): boolean {
      const http = context.switchToHttp();
      const request = http.getRequest<Request>();
      const retryAfter = this.buckets.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
      if (retryAfter === 0) return true;
      http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `${options.tooMany}: try again in ${retryAfter} s` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
  return ClientRateLimitGuard;
}
