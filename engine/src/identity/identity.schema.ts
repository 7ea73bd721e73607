import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Accounts of the built-in OpenID provider. With an external provider (Keycloak) accounts live
 * there; this table stays empty.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    /** Agency the user works for; null for citizens and province-wide roles. */
    agencyCode: text('agency_code'),
    /** Personal identification number (số định danh cá nhân, the CCCD number) of a citizen account: its key. */
    citizenId: text('citizen_id'),
    /** scrypt$N$r$p$salt$hash, see passwords.ts; NO_PASSWORD for accounts that sign in only through VNeID. */
    passwordHash: text('password_hash').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_idx').on(sql`lower(${t.username})`), uniqueIndex('users_citizen_id_idx').on(t.citizenId)],
);

/** Password hash of an account without a password: no password verifies against it. */
export const NO_PASSWORD = '!';

export type UserRecord = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * What the OpenID provider must remember between requests (sessions, grants, authorization codes,
 * interactions…), in the database so that every replica sees the same sessions.
 */
export const oidcArtifacts = pgTable(
  'oidc_artifacts',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.id] }),
    index('oidc_artifacts_grant_idx').on(t.grantId),
    index('oidc_artifacts_uid_idx').on(t.kind, t.uid),
    index('oidc_artifacts_user_code_idx').on(t.kind, t.userCode),
    index('oidc_artifacts_expires_idx').on(t.expiresAt),
  ],
);
