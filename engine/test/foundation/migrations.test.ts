import assert from 'node:assert/strict';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/database/database.js';
import { backendName, createServerDatabase, dropServerDatabase, serverUrl } from '../support/database.js';
import { engineRoot } from './child.js';

const journal = JSON.parse(readFileSync(join(engineRoot, 'migrations/meta/_journal.json'), 'utf8')) as {
  entries: unknown[];
};

async function appliedMigrations(handle: DatabaseHandle): Promise<number> {
  const result = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return (result as { rows: { n: number }[] }).rows[0].n;
}

describe(`migrations (${backendName})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-migrations-'));
  let url: string | undefined;
  after(async () => {
    if (serverUrl && url) await dropServerDatabase(serverUrl, url);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every migration once, and opening again changes nothing', async () => {
    url = serverUrl ? await createServerDatabase(serverUrl) : undefined;
    const first = await openDatabase({ url, dataDir });
    try {
      assert.equal(await appliedMigrations(first), journal.entries.length);
      await first.db.execute(sql`insert into files (sha256, size, media_type, file_name) values ('x', 1, 'text/plain', 'a.txt')`);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ url, dataDir });
    try {
      assert.equal(await appliedMigrations(second), journal.entries.length);
      const rows = await second.db.execute(sql`select file_name from files`);
      assert.deepEqual((rows as { rows: unknown[] }).rows, [{ file_name: 'a.txt' }]);
    } finally {
      await second.close();
    }
  });
});
