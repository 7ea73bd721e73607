import { Injectable } from '@nestjs/common';
import type { UserRecord } from './identity.schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { UsersRepository } from './users.repository.js';

/** Checks credentials of the built-in provider's accounts. */
@Injectable()
export class AccountsService {
  /** Compared against when the username is unknown, so both failures take the same time. */
  private readonly decoy = hashPassword('decoy');

  constructor(private readonly users: UsersRepository) {}

  async authenticate(username: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.users.findByUsername(username.trim());
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    return user && user.enabled && valid ? user : undefined;
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
