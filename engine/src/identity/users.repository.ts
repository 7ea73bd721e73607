import { Inject, Injectable } from '@nestjs/common';
import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { users, type NewUser, type UserRecord } from './identity.schema.js';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async findById(id: string): Promise<UserRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined; // subjects of other issuers are not uuids
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  /** Usernames are matched without regard to case, as Keycloak does. */
  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`);
    return row;
  }

  async findByCitizenId(citizenId: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.citizenId, citizenId));
    return row;
  }

  /** Inserts the account unless its username or citizen id is taken; the row inserted, if any. */
  async insertIfAbsent(row: NewUser): Promise<UserRecord | undefined> {
    const [inserted] = await this.db.insert(users).values(row).onConflictDoNothing().returning();
    return inserted;
  }

  async existingUsernames(usernames: string[]): Promise<Set<string>> {
    if (usernames.length === 0) return new Set();
    const rows = await this.db
      .select({ username: users.username })
      .from(users)
      .where(inArray(sql`lower(${users.username})`, usernames.map((u) => u.toLowerCase())));
    return new Set(rows.map((r) => r.username.toLowerCase()));
  }

  /** Accounts ordered by username, without password hashes. */
  async list(): Promise<Omit<UserRecord, 'passwordHash'>[]> {
    const { passwordHash: _hidden, ...columns } = getTableColumns(users);
    return this.db.select(columns).from(users).orderBy(users.username);
  }

  async insertMany(rows: NewUser[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(users).values(rows).onConflictDoNothing();
  }
}
