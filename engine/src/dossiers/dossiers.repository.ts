import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DossierScope, DossierVisibility } from '../auth/access-policy.js';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { files } from '../files/file.schema.js';
import { dossierCodeCounters, dossierDocuments, dossierPauses, dossiers, type DossierRecord, type NewDossier } from './dossier.schema.js';
import { FINAL_STATUSES, type DossierStatus } from './dossier-status.js';
import { filterConditions, type DossierFilter } from './dossier-filters.js';

export type DossierPatch = Omit<Partial<NewDossier>, 'status'>;

export interface DossierPage {
  items: DossierRecord[];
  /** Id of the last item: pass it back as `after` for the next page; absent on the last page. */
  next?: string;
}

@Injectable()
export class DossiersRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async findById(id: string, tx: Executor = this.db): Promise<DossierRecord | undefined> {
    const [row] = await tx.select().from(dossiers).where(eq(dossiers.id, id));
    return row;
  }

  /** The row locked until the end of the transaction: status changes of one dossier are serialised. */
  async lock(id: string, tx: Executor): Promise<DossierRecord | undefined> {
    const [row] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
    return row;
  }

  async findByIdempotencyKey(submittedBy: string, key: string, tx: Executor = this.db): Promise<DossierRecord | undefined> {
    const [row] = await tx
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.submittedBy, submittedBy), eq(dossiers.idempotencyKey, key)));
    return row;
  }

  async findByProcessInstances(keys: string[]): Promise<DossierRecord[]> {
    if (keys.length === 0) return [];
    return this.db.select().from(dossiers).where(inArray(dossiers.processInstanceKey, keys));
  }

  /** Next number of the agency's daily sequence: an upsert, so concurrent receipts queue on the counter row. */
  async nextSequence(agencyCode: string, day: string, tx: Executor): Promise<number> {
    const [row] = await tx
      .insert(dossierCodeCounters)
      .values({ agencyCode, day, value: 1 })
      .onConflictDoUpdate({ target: [dossierCodeCounters.agencyCode, dossierCodeCounters.day], set: { value: sql`${dossierCodeCounters.value} + 1` } })
      .returning({ value: dossierCodeCounters.value });
    return row.value;
  }

  async insert(row: NewDossier, tx: Executor): Promise<DossierRecord> {
    const [inserted] = await tx.insert(dossiers).values(row).returning();
    return inserted;
  }

  /** Any column but the status, which only DossierLifecycle.setStatus writes (checked against LEGAL_TRANSITIONS). */
  async update(id: string, patch: DossierPatch, tx: Executor = this.db): Promise<DossierRecord> {
    if ('status' in patch) throw new Error('A dossier status changes through DossierLifecycle.setStatus only');
    const [row] = await tx.update(dossiers).set(patch).where(eq(dossiers.id, id)).returning();
    return row;
  }

  /** The status write of the state machine; call DossierLifecycle.setStatus instead. */
  async writeStatus(id: string, patch: DossierPatch & { status: DossierStatus }, tx: Executor): Promise<DossierRecord> {
    const [row] = await tx.update(dossiers).set(patch).where(eq(dossiers.id, id)).returning();
    return row;
  }

  /** Pending starts due at `now` (back-off over, no live claim), oldest first. */
  dueStarts(now: Date, limit: number, options: { only?: string; exclude?: string[] } = {}): Promise<DossierRecord[]> {
    const exclude = options.exclude?.length ? notInArray(dossiers.id, options.exclude) : undefined;
    return this.db.select().from(dossiers).where(and(dueStart(now, options.only), exclude)).orderBy(dossiers.createdAt).limit(limit);
  }

  /**
   * Locks the dossier's start for this transaction if it is still due, skipping rows another replica holds
   * (SELECT … FOR UPDATE SKIP LOCKED, https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE):
   * two replicas never work on the same dossier at once, and neither waits for the other.
   */
  async claimStart(now: Date, id: string, tx: Executor): Promise<DossierRecord | undefined> {
    const [row] = await tx
      .select()
      .from(dossiers)
      .where(dueStart(now, id))
      .for('update', { skipLocked: true });
    return row;
  }

  /** Holds a claimed start until `until` beyond this transaction (the start runs outside it, on another system). */
  async leaseStart(id: string, until: Date, tx: Executor): Promise<DossierRecord> {
    const [row] = await tx
      .update(dossiers)
      .set({ startClaimedUntil: until, startAttempts: sql`${dossiers.startAttempts} + 1` })
      .where(eq(dossiers.id, id))
      .returning();
    return row;
  }

  /** Records the instance; only a still-pending start is settled, so a late duplicate changes nothing. */
  async markStarted(id: string, processInstanceKey: string, attempted: boolean, tx: Executor = this.db): Promise<DossierRecord | undefined> {
    const [row] = await tx
      .update(dossiers)
      .set({
        processInstanceKey,
        startState: 'started',
        startClaimedUntil: null,
        startNextAttemptAt: null,
        startLastError: null,
        ...(attempted ? { startAttempts: sql`${dossiers.startAttempts} + 1` } : {}),
      })
      .where(and(eq(dossiers.id, id), eq(dossiers.startState, 'pending')))
      .returning();
    return row;
  }

  /** A failed attempt: retried after `nextAttemptAt`, or shown as failed once `failed` is set. */
  async recordStartFailure(
    id: string,
    failure: { error: string; attempts: number; nextAttemptAt: Date; failed: boolean },
    tx: Executor = this.db,
  ): Promise<DossierRecord | undefined> {
    const [row] = await tx
      .update(dossiers)
      .set({
        startState: failure.failed ? 'failed' : 'pending',
        startAttempts: failure.attempts,
        startLastError: failure.error,
        startNextAttemptAt: failure.failed ? null : failure.nextAttemptAt,
        startClaimedUntil: null,
      })
      .where(and(eq(dossiers.id, id), eq(dossiers.startState, 'pending')))
      .returning();
    return row;
  }

  /** The dossiers of migrated instances now run on `version`; in the caller's transaction with the instances' move. */
  async moveToVersion(processInstanceKeys: string[], version: number, tx: Executor): Promise<number> {
    if (processInstanceKeys.length === 0) return 0;
    const rows = await tx
      .update(dossiers)
      .set({ procedureVersion: version })
      .where(inArray(dossiers.processInstanceKey, processInstanceKeys))
      .returning({ id: dossiers.id });
    return rows.length;
  }

  /** Running dossiers with an appointment: what the deadline check looks at. */
  running(): Promise<DossierRecord[]> {
    return this.db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.startState, 'started'), isNull(dossiers.finishedAt), notInArray(dossiers.status, [...FINAL_STATUSES])));
  }

  /** Of the given file ids, those uploaded by the user. */
  /** Records that the process asks for a fee; asking twice (a retried job) records it once. */
  /** Records that the process asks for a fee, at `amount` when the process decided it (else the catalogue's). */
  async requestFee(id: string, feeCode: string, amount?: number, tx: Executor = this.db): Promise<void> {
    await tx
      .update(dossiers)
      .set({ requestedFees: sql`${dossiers.requestedFees} || ${JSON.stringify([feeCode])}::jsonb` })
      .where(and(eq(dossiers.id, id), sql`not ${dossiers.requestedFees} ? ${feeCode}`));
    if (amount !== undefined) {
      await tx
        .update(dossiers)
        .set({ requestedFeeAmounts: sql`${dossiers.requestedFeeAmounts} || ${JSON.stringify({ [feeCode]: amount })}::jsonb` })
        .where(eq(dossiers.id, id));
    }
  }

  async filesOwnedBy(ids: string[], ownerId: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: files.id })
      .from(files)
      .where(and(inArray(files.id, ids), eq(files.ownerId, ownerId)));
    return new Set(rows.map((r) => r.id));
  }

  /** Newest first, keyset-paginated so deep pages cost the same as the first; the filter narrows what the caller may see. */
  async list(visibility: DossierVisibility, limit: number, after?: string, filter?: DossierFilter): Promise<DossierPage> {
    const conditions: SQL[] = filter ? filterConditions(filter) : [];
    const scope = scopeCondition(visibility);
    if (scope) conditions.push(scope);
    if (after) {
      // Compared in the database: timestamps there have microseconds, JavaScript dates do not.
      conditions.push(
        sql`(${dossiers.createdAt}, ${dossiers.id}) < (select d.created_at, d.id from ${dossiers} d where d.id = ${after})`,
      );
    }
    const rows = await this.db
      .select()
      .from(dossiers)
      .where(and(...conditions))
      .orderBy(desc(dossiers.createdAt), desc(dossiers.id))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? last.id : undefined };
  }

  /** Agencies handling at least one dossier of the applicant. */
  /** Who may see the dossiers that hold the file: as an attachment, in a supplement, or as a document produced for them. */
  async holdersOfFile(fileId: string): Promise<DossierScope[]> {
    const reference = JSON.stringify([{ fileId }]);
    return this.db
      .select({ agencyCode: dossiers.agencyCode, receivingAgencyCode: dossiers.receivingAgencyCode, applicantUserId: dossiers.applicantUserId })
      .from(dossiers)
      .where(
        sql`${dossiers.attachments} @> ${reference}::jsonb
          or exists (select 1 from ${dossierPauses} where ${dossierPauses.dossierId} = ${dossiers.id} and ${dossierPauses.supplement}->'attachments' @> ${reference}::jsonb)
          or exists (select 1 from ${dossierDocuments} where ${dossierDocuments.dossierId} = ${dossiers.id} and ${dossierDocuments.fileId} = ${fileId})`,
      );
  }
}

function dueStart(now: Date, only?: string): SQL {
  return and(
    eq(dossiers.startState, 'pending'),
    or(isNull(dossiers.startNextAttemptAt), lte(dossiers.startNextAttemptAt, now)),
    or(isNull(dossiers.startClaimedUntil), lte(dossiers.startClaimedUntil, now)),
    only ? eq(dossiers.id, only) : undefined,
  )!;
}

function scopeCondition(visibility: DossierVisibility): SQL | undefined {
  switch (visibility.kind) {
    case 'all':
      return undefined;
    case 'scoped':
      return or(
        visibility.agencyCode !== undefined ? eq(dossiers.agencyCode, visibility.agencyCode) : undefined,
        visibility.receivingAgencyCode !== undefined ? eq(dossiers.receivingAgencyCode, visibility.receivingAgencyCode) : undefined,
        visibility.applicantUserId !== undefined ? eq(dossiers.applicantUserId, visibility.applicantUserId) : undefined,
      );
    case 'none':
      return sql`false`;
  }
}
