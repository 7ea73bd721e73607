import { and, eq, lt, sql } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../database/database.js';
import { oidcArtifacts } from './identity.schema.js';

type AdapterConstructor = new (kind: string) => Adapter;

/**
 * Stores the provider's artefacts (sessions, interactions, grants, codes, refresh tokens) in one
 * table, so every replica on the same database shares logins. JWT access tokens are not stored.
 */
export function databaseAdapter(db: Database): AdapterConstructor {
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        kind: this.kind,
        id,
        payload: payload as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db
        .insert(oidcArtifacts)
        .values(row)
        .onConflictDoUpdate({
          target: [oidcArtifacts.kind, oidcArtifacts.id],
          set: { payload: row.payload, grantId: row.grantId, userCode: row.userCode, uid: row.uid, expiresAt: row.expiresAt },
        });
    }

    find(id: string) {
      return this.findWhere(eq(oidcArtifacts.id, id));
    }

    findByUid(uid: string) {
      return this.findWhere(eq(oidcArtifacts.uid, uid));
    }

    findByUserCode(userCode: string) {
      return this.findWhere(eq(oidcArtifacts.userCode, userCode));
    }

    async consume(id: string): Promise<void> {
      await db
        .update(oidcArtifacts)
        .set({ consumedAt: new Date() })
        .where(and(eq(oidcArtifacts.kind, this.kind), eq(oidcArtifacts.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await db.delete(oidcArtifacts).where(and(eq(oidcArtifacts.kind, this.kind), eq(oidcArtifacts.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // A grant's codes and tokens of every kind go with it.
      await db.delete(oidcArtifacts).where(eq(oidcArtifacts.grantId, grantId));
    }

    private async findWhere(condition: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
      const [row] = await db
        .select()
        .from(oidcArtifacts)
        .where(
          and(
            eq(oidcArtifacts.kind, this.kind),
            condition,
            sql`(${oidcArtifacts.expiresAt} is null or ${oidcArtifacts.expiresAt} > now())`,
          ),
        );
      if (!row) return undefined;
      const consumed = row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {};
      return { ...row.payload, ...consumed };
    }
  };
}

/** Deletes artefacts that have expired; the provider never reads them again. */
export async function purgeExpiredArtifacts(db: Database): Promise<number> {
  const deleted = await db
    .delete(oidcArtifacts)
    .where(lt(oidcArtifacts.expiresAt, new Date()))
    .returning({ id: oidcArtifacts.id });
  return deleted.length;
}
