import { sql } from 'drizzle-orm';
import type { Executor } from '../../../database/database.js';

/** Block size of wf_key_seq (its INCREMENT BY): each nextval owns this many keys. */
const blockSize = 1000;

/**
 * Hands out keys from blocks of the shared sequence: one round-trip per thousand keys, unique across
 * every process on the database. Gaps (a rolled-back command, a restart) are harmless.
 */
export class KeyAllocator {
  private next = 0;
  private end = 0;

  async take(db: Executor): Promise<number> {
    if (this.next >= this.end) {
      const result = await db.execute(sql`select nextval('wf_key_seq')::text as v`);
      const start = Number((result as { rows: { v: string }[] }).rows[0].v);
      this.next = start;
      this.end = start + blockSize;
    }
    return this.next++;
  }
}
