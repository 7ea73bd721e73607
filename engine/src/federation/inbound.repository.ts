import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { consultations, type ConsultationRecord } from '../consultations/consultation.schema.js';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import { dossiers, type DossierRecord, type NewDossier } from '../dossiers/dossier.schema.js';
import { federationDossiers, federationInbound, type InboundRecord } from './federation.schema.js';

@Injectable()
export class InboundRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(peerId: string, jti: string): Promise<InboundRecord | undefined> {
    const [row] = await this.db.select().from(federationInbound).where(and(eq(federationInbound.peerId, peerId), eq(federationInbound.jti, jti)));
    return row;
  }

  /** Records an accepted message once; a concurrent duplicate gets the row that won. */
  async record(row: typeof federationInbound.$inferInsert): Promise<InboundRecord> {
    const [inserted] = await this.db.insert(federationInbound).values(row).onConflictDoNothing().returning();
    return inserted ?? (await this.find(row.peerId, row.jti))!;
  }

  /** The local copy of a peer's dossier, created on its first consultation. */
  async mirrorDossier(peerId: string, remoteDossierId: string, create: () => NewDossier): Promise<DossierRecord> {
    const existing = await this.mirrorOf(peerId, remoteDossierId);
    if (existing) return existing;
    try {
      return await this.db.transaction(async (tx) => {
        const row = create();
        // The copy's code is the peer's, in the peer's namespace: a local code never contains '@', so a
        // peer can neither take the code a local submission is about to get nor collide with one.
        const [dossier] = await tx.insert(dossiers).values({ ...row, code: `${row.code}@${peerId}` }).returning();
        await tx.insert(federationDossiers).values({ peerId, remoteDossierId, dossierId: dossier.id });
        return dossier;
      });
    } catch (error) {
      // A concurrent first consultation of the same dossier created it.
      const raced = await this.mirrorOf(peerId, remoteDossierId);
      if (raced) return raced;
      throw error;
    }
  }

  /** Requests from peers whose local consultation is answered and whose answer has not been queued. */
  answeredNotQueued(limit: number): Promise<{ inbound: InboundRecord; consultation: ConsultationRecord }[]> {
    return this.db
      .select({ inbound: federationInbound, consultation: consultations })
      .from(federationInbound)
      .innerJoin(consultations, eq(consultations.id, federationInbound.consultationId))
      .where(and(eq(federationInbound.kind, 'consultation.request'), isNull(federationInbound.answerQueuedAt), eq(consultations.status, 'answered')))
      .limit(limit);
  }

  /** True when this call marked it (false: another process queued the answer first). */
  async markAnswerQueued(peerId: string, jti: string, at: Date, tx: Executor): Promise<boolean> {
    const rows = await tx
      .update(federationInbound)
      .set({ answerQueuedAt: at })
      .where(and(eq(federationInbound.peerId, peerId), eq(federationInbound.jti, jti), isNull(federationInbound.answerQueuedAt)))
      .returning({ jti: federationInbound.jti });
    return rows.length > 0;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async mirrorOf(peerId: string, remoteDossierId: string): Promise<DossierRecord | undefined> {
    const [row] = await this.db
      .select({ dossier: dossiers })
      .from(federationDossiers)
      .innerJoin(dossiers, eq(dossiers.id, federationDossiers.dossierId))
      .where(and(eq(federationDossiers.peerId, peerId), eq(federationDossiers.remoteDossierId, remoteDossierId)));
    return row?.dossier;
  }
}
