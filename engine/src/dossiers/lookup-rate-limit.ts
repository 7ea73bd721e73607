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

/** A burst of ten lookups, then one every six seconds (ten a minute). */
export const LOOKUP_BURST = 10;
export const LOOKUP_REFILL_PER_SECOND = 1 / 6;

/**
 * Rate limit of the public dossier lookup per client IP (429 with Retry-After). The lookup needs no
 * account and tells whether a dossier code and an identity number belong together; dossier codes are
 * predictable (agency, date, sequence) and identity numbers have a known structure (province, sex and
 * century, year of birth), so without a limit anyone could try pairs until one answers and learn who
 * filed which dossier. A person checking a dossier needs a few lookups; a guesser needs millions.
 * Runs as a guard, before validation, so malformed requests count too.
 */
@Injectable()
export class LookupRateLimitGuard implements CanActivate {
  private readonly buckets = new TokenBuckets(LOOKUP_BURST, LOOKUP_REFILL_PER_SECOND);

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // request.ip is the client's address as Express sees it: behind the platform's proxy it is read from
    // X-Forwarded-For (bootstrap trusts proxies on loopback and private networks only).
    const retryAfter = this.buckets.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    if (retryAfter === 0) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `Too many lookups from this address: try again in ${retryAfter} s` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
