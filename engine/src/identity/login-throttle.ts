/**
 * Temporary lockout of a username after repeated wrong passwords, as Keycloak's brute force
 * detection does (Server Administration Guide, "Brute force attacks": after `failureFactor`
 * failures the account is temporarily disabled for `waitIncrement`, growing with each further
 * failure up to `maxWait`; a successful login resets the count). While locked, even the right
 * password is refused, so guessing gains nothing. Counts are kept in memory per process: the
 * built-in provider is the single-machine default; production uses Keycloak's own detection.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    readonly failureFactor = 5,
    readonly waitIncrementSeconds = 60,
    readonly maxWaitSeconds = 15 * 60,
    private readonly now: () => number = Date.now,
    private readonly maxUsernames = 10_000,
  ) {}

  /** Seconds the username must still wait before a password is checked; 0 when it may try. */
  waitSeconds(username: string): number {
    const entry = this.failures.get(key(username));
    if (!entry) return 0;
    return Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1000));
  }

  failed(username: string): void {
    const entry = this.failures.get(key(username)) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= this.failureFactor) {
      const steps = entry.count - this.failureFactor + 1;
      entry.lockedUntil = this.now() + Math.min(this.maxWaitSeconds, steps * this.waitIncrementSeconds) * 1000;
    }
    this.failures.delete(key(username)); // re-inserted last: the oldest entries go first when full
    this.failures.set(key(username), entry);
    if (this.failures.size > this.maxUsernames) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(key(username));
  }
}

/** Usernames are matched trimmed and case-insensitively, as the account lookup does. */
function key(username: string): string {
  return username.trim().toLowerCase();
}

/** A login refused because the username is temporarily locked. */
export class LoginLockedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed logins: try again in ${retryAfterSeconds} s`);
  }
}
