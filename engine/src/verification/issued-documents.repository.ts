import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { issuedDocuments, type IssuedDocument, type IssuedSignature } from './verification.schema.js';

@Injectable()
export class IssuedDocumentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async insert(row: typeof issuedDocuments.$inferInsert): Promise<IssuedDocument> {
    const [created] = await this.db.insert(issuedDocuments).values(row).returning();
    return created;
  }

  async findById(id: string): Promise<IssuedDocument | undefined> {
    const [row] = await this.db.select().from(issuedDocuments).where(eq(issuedDocuments.id, id));
    return row;
  }

  async findBySha256(sha256: string): Promise<IssuedDocument | undefined> {
    const [row] = await this.db.select().from(issuedDocuments).where(eq(issuedDocuments.sha256, sha256)).limit(1);
    return row;
  }

  /**
   * Records a newly signed version, only if no one else signed since `previousSha256` was read;
   * returns undefined when someone did (the caller signs the newer version again).
   */
  async recordSignature(
    id: string,
    previousSha256: string,
    next: { fileId: string; sha256: string; signers: IssuedSignature[]; issuedAt: Date; number?: string | null },
  ): Promise<IssuedDocument | undefined> {
    const [row] = await this.db
      .update(issuedDocuments)
      .set({ fileId: next.fileId, sha256: next.sha256, signers: next.signers, issuedAt: next.issuedAt, ...(next.number ? { number: next.number } : {}) })
      .where(and(eq(issuedDocuments.id, id), eq(issuedDocuments.sha256, previousSha256)))
      .returning();
    return row;
  }
}
