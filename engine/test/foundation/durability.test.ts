import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../../src/database/database.js';
import { files } from '../../src/files/file.schema.js';
import { backendName } from '../support/database.js';
import { childDatabase, engineRoot, startNode, stop } from './child.js';

const writer = join(engineRoot, 'dist/test/foundation/fixtures/committing-writer.js');

function committedIds(output: string): string[] {
  return [...output.matchAll(/^committed (\S+)$/gm)].map((match) => match[1]);
}

describe(`durability under SIGKILL (${backendName})`, () => {
  it('keeps every row whose commit was reported before the kill', { timeout: 120_000 }, async () => {
    const database = await childDatabase();
    const child = startNode(writer, database.env);
    try {
      const deadline = Date.now() + 90_000;
      while (committedIds(child.stdout()).length < 200) {
        if (Date.now() > deadline || child.process.exitCode !== null) {
          assert.fail(`the writer did not commit 200 rows.\nstdout tail:\n${child.stdout().slice(-500)}\nstderr:\n${child.stderr()}`);
        }
        await new Promise((done) => setTimeout(done, 20));
      }
      child.crash();
      assert.equal(await child.exited, 'SIGKILL');
      const reported = committedIds(child.stdout());

      // Reopening also takes over the killed writer's lock on an embedded data directory.
      const reopened = await openDatabase({ url: database.url, dataDir: database.dataDir });
      try {
        const found = new Set<string>();
        for (let i = 0; i < reported.length; i += 1000) {
          const rows = await reopened.db
            .select({ id: files.id })
            .from(files)
            .where(inArray(files.id, reported.slice(i, i + 1000)));
          for (const row of rows) found.add(row.id);
        }
        const lost = reported.filter((id) => !found.has(id));
        assert.deepEqual(lost, [], `${lost.length} of ${reported.length} reported commits are missing`);
      } finally {
        await reopened.close();
      }
    } finally {
      stop(child);
      await database.dispose();
    }
  });
});
