import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { dossierControlEntries, dossiers } from '../dossiers/dossier.schema.js';
import type { RatingGroup } from './ratings.dto.js';
import { dossierRatings, type RatingRecord } from './rating.schema.js';

export interface RatingFilter {
  agencyCode?: string;
  from?: Date;
  to?: Date;
}

export interface RatingAggregate {
  key: string;
  name: string | null;
  count: number;
  average: number;
  /** Ratings of 4 or 5. */
  satisfied: number;
  distribution: [number, number, number, number, number];
}

@Injectable()
export class RatingsRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  /** Inserts the rating unless the dossier already has one (then undefined). */
  async insertOnce(row: typeof dossierRatings.$inferInsert): Promise<RatingRecord | undefined> {
    const [saved] = await this.db.insert(dossierRatings).values(row).onConflictDoNothing({ target: dossierRatings.dossierId }).returning();
    return saved;
  }

  async ofDossier(dossierId: string): Promise<RatingRecord | undefined> {
    const [row] = await this.db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossierId));
    return row;
  }

  /**
   * Ratings grouped by the dossier's agency, its procedure, or each officer who completed a step
   * of it (a rating counts once for every officer who handled the dossier).
   */
  async aggregate(by: RatingGroup, filter: RatingFilter): Promise<RatingAggregate[]> {
    const conditions: SQL[] = [];
    if (filter.agencyCode) conditions.push(eq(dossiers.agencyCode, filter.agencyCode));
    if (filter.from) conditions.push(gte(dossierRatings.at, filter.from));
    if (filter.to) conditions.push(lt(dossierRatings.at, filter.to));
    const measures = {
      count: sql<number>`count(*)::int`,
      average: sql<number>`round(avg(${dossierRatings.score}), 2)::float8`,
      satisfied: sql<number>`(count(*) filter (where ${dossierRatings.score} >= 4))::int`,
      s1: sql<number>`(count(*) filter (where ${dossierRatings.score} = 1))::int`,
      s2: sql<number>`(count(*) filter (where ${dossierRatings.score} = 2))::int`,
      s3: sql<number>`(count(*) filter (where ${dossierRatings.score} = 3))::int`,
      s4: sql<number>`(count(*) filter (where ${dossierRatings.score} = 4))::int`,
      s5: sql<number>`(count(*) filter (where ${dossierRatings.score} = 5))::int`,
    };
    type Row = Record<keyof typeof measures, number> & { key: string; name: string | null };
    let rows: Row[];
    if (by === 'officer') {
      // Each officer once per dossier, whatever the number of steps he completed.
      const handlers = this.db
        .selectDistinct({ dossierId: dossierControlEntries.dossierId, officerId: dossierControlEntries.receiverId, officerName: dossierControlEntries.receiverName })
        .from(dossierControlEntries)
        .where(and(eq(dossierControlEntries.outcome, 'completed'), sql`${dossierControlEntries.receiverId} is not null`))
        .as('handlers');
      rows = (await this.db
        .select({ key: sql<string>`${handlers.officerId}`, name: sql<string | null>`max(${handlers.officerName})`, ...measures })
        .from(dossierRatings)
        .innerJoin(dossiers, eq(dossiers.id, dossierRatings.dossierId))
        .innerJoin(handlers, eq(handlers.dossierId, dossierRatings.dossierId))
        .where(and(...conditions))
        .groupBy(handlers.officerId)
        .orderBy(handlers.officerId));
    } else {
      const key = by === 'agency' ? dossiers.agencyCode : dossiers.procedureCode;
      const name = by === 'agency' ? sql<string | null>`null` : sql<string | null>`max(${dossiers.procedureName})`;
      rows = (await this.db
        .select({ key: sql<string>`${key}`, name, ...measures })
        .from(dossierRatings)
        .innerJoin(dossiers, eq(dossiers.id, dossierRatings.dossierId))
        .where(and(...conditions))
        .groupBy(key)
        .orderBy(key));
    }
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      count: r.count,
      average: r.average,
      satisfied: r.satisfied,
      distribution: [r.s1, r.s2, r.s3, r.s4, r.s5],
    }));
  }
}
