import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { hashPassword } from './passwords.js';
import { UsersRepository } from './users.repository.js';

/** Creates the demo accounts that are missing; existing accounts (and changed passwords) are left alone. */
@Injectable()
export class DemoAccountsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const existing = await this.users.existingUsernames(DEMO_ACCOUNTS.map((a) => a.username));
    const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.username.toLowerCase()));
    if (missing.length === 0) return;
    await this.users.insertMany(
      await Promise.all(
        missing.map(async (a) => ({
          id: a.id,
          username: a.username,
          displayName: a.displayName,
          email: a.email,
          roles: [...a.roles],
          agencyCode: a.agencyCode ?? null,
          citizenId: a.citizenId ?? null,
          passwordHash: await hashPassword(DEMO_PASSWORD),
        })),
      ),
    );
    this.logger.log(`Created ${missing.length} demo accounts`);
  }
}
