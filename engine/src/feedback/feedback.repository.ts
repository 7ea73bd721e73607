import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { citizenFeedback, type FeedbackRecord } from './feedback.schema.js';

@Injectable()
export class FeedbackRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async insert(row: typeof citizenFeedback.$inferInsert): Promise<FeedbackRecord> {
    const [saved] = await this.db.insert(citizenFeedback).values(row).returning();
    return saved;
  }

  async findById(id: string): Promise<FeedbackRecord | undefined> {
    const [row] = await this.db.select().from(citizenFeedback).where(eq(citizenFeedback.id, id));
    return row;
  }

  /** Newest first; of one agency when given, only the unanswered ones when asked. */
  async list(filter: { agencyCode?: string; unanswered?: boolean; authorUserId?: string }): Promise<FeedbackRecord[]> {
    const conditions: SQL[] = [];
    if (filter.agencyCode) conditions.push(eq(citizenFeedback.agencyCode, filter.agencyCode));
    if (filter.authorUserId) conditions.push(eq(citizenFeedback.authorUserId, filter.authorUserId));
    if (filter.unanswered) conditions.push(isNull(citizenFeedback.answeredAt));
    return this.db.select().from(citizenFeedback).where(and(...conditions)).orderBy(desc(citizenFeedback.receivedAt)).limit(500);
  }

  /** Records the answer unless one was already given (then undefined). */
  async answer(id: string, answer: { answer: string; answeredAt: Date; answeredBy: string; answeredByName: string }): Promise<FeedbackRecord | undefined> {
    const [saved] = await this.db
      .update(citizenFeedback)
      .set(answer)
      .where(and(eq(citizenFeedback.id, id), isNull(citizenFeedback.answeredAt)))
      .returning();
    return saved;
  }
}
