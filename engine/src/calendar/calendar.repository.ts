import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import { calendarOverrides } from './calendar.schema.js';
import type { CalendarOverride } from './working-calendar.js';

@Injectable()
export class CalendarRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async list(tx: Executor = this.db): Promise<CalendarOverride[]> {
    const rows = await tx.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
    return rows.map(({ date, kind, name }) => ({ date, kind, name }));
  }

  async upsert(override: CalendarOverride, updatedBy: string): Promise<void> {
    const values = { ...override, updatedBy, updatedAt: new Date() };
    await this.db.insert(calendarOverrides).values(values).onConflictDoUpdate({ target: calendarOverrides.date, set: values });
  }

  async remove(date: string): Promise<boolean> {
    const removed = await this.db.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
    return removed.length > 0;
  }
}
