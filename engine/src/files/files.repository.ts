import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { files, type FileRecord } from './file.schema.js';

@Injectable()
export class FilesRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async insert(row: typeof files.$inferInsert): Promise<FileRecord> {
    const [created] = await this.db.insert(files).values(row).returning();
    return created;
  }

  async findById(id: string): Promise<FileRecord | undefined> {
    const [row] = await this.db.select().from(files).where(eq(files.id, id));
    return row;
  }
}
