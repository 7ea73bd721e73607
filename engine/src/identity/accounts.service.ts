import { Injectable } from '@nestjs/common';
import { Role } from '../auth/roles.js';
import { NO_PASSWORD, type UserRecord } from './identity.schema.js';
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
    // Accounts without a password take the decoy's time too, so timing does not reveal them.
    const stored = user && user.passwordHash !== NO_PASSWORD ? user.passwordHash : await this.decoy;
    const valid = (await verifyPassword(password, stored)) && stored === user?.passwordHash;
    if (user && user.enabled && valid) {
      this.throttle.succeeded(username);
      return user;
    }
    // Unknown usernames count too: the answer must not tell which usernames exist.
    this.throttle.failed(username);
    return undefined;
  }

  /**
   * The citizen account keyed by this personal identification number, created on its first
   * VNeID sign-in (username: the number, no password, role citizen). Never matched by name or
   * e-mail: two people may share those, not the number. Undefined when the account is disabled.
   */
  async citizenFromVneid(personalId: string, name: string): Promise<UserRecord | undefined> {
    const existing = await this.users.findByCitizenId(personalId);
    if (existing) return existing.enabled ? existing : undefined;
    const created = await this.users.insertIfAbsent({
      username: personalId,
      displayName: name,
      roles: [Role.Citizen],
      citizenId: personalId,
      passwordHash: NO_PASSWORD,
    });
    // Lost a race with a simultaneous first sign-in of the same citizen: theirs is the account.
    const user = created ?? (await this.users.findByCitizenId(personalId));
    if (!user) throw new Error(`The username ${personalId} belongs to another account`);
    return user.enabled ? user : undefined;
  }

  /** The enabled citizen account keyed by this personal identification number, if there is one. */
  async findCitizen(personalId: string): Promise<UserRecord | undefined> {
    const user = await this.users.findByCitizenId(personalId);
    return user?.enabled ? user : undefined;
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
