import { Injectable } from '@nestjs/common';
import type { UserRecord } from './identity.schema.js';
import { LoginLockedError, LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { UsersRepository } from './users.repository.js';

/** Checks credentials of the built-in provider's accounts. */
@Injectable()
export class AccountsService {
  /** Compared against when the username is unknown, so both failures take the same time. */
  private readonly decoy = hashPassword('decoy');

  private readonly throttle = new LoginThrottle();

  constructor(private readonly users: UsersRepository) {}

  /** The account when the credentials are right; throws LoginLockedError while the username is locked. */
  async authenticate(username: string, password: string): Promise<UserRecord | undefined> {
    const wait = this.throttle.waitSeconds(username);
    if (wait > 0) throw new LoginLockedError(wait);
    const user = await this.users.findByUsername(username.trim());
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    if (user && user.enabled && valid) {
      this.throttle.succeeded(username);
      return user;
    }
    // Unknown usernames count too: the answer must not tell which usernames exist.
    this.throttle.failed(username);
    return undefined;
  }

  async findEnabled(id: string): Promise<UserRecord | undefined> {
    const user = await this.users.findById(id);
    return user?.enabled ? user : undefined;
  }
}

/** Claims describing a user, shared by ID tokens, access tokens and the userinfo endpoint. */
export function profileClaims(user: UserRecord) {
  return {
    sub: user.id,
    preferred_username: user.username,
    name: user.displayName,
    ...(user.email ? { email: user.email, email_verified: true } : {}),
  };
}
