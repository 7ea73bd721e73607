import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { DirectoryFileStore } from '../../src/files/file-store.js';
import { files } from '../../src/files/file.schema.js';
import { backendName, openTestDatabase, type TestDatabase } from '../support/database.js';

describe(`file store and files table (${backendName})`, () => {
  let database: TestDatabase;
  let root: string;
  let store: DirectoryFileStore;

  before(async () => {
    database = await openTestDatabase();
    root = mkdtempSync(join(tmpdir(), 'mot-cua-files-'));
    store = new DirectoryFileStore(root);
  });
  after(async () => {
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256 and reads them back', async () => {
    const content = Buffer.from('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    const stored = await store.put(content);
    assert.equal(stored.sha256, createHash('sha256').update(content).digest('hex'));
    assert.equal(stored.size, content.length);
    assert.ok(store.has(stored.sha256));
    assert.equal(await text(store.read(stored.sha256)), content.toString());
  });

  it('keeps one copy of identical content', async () => {
    const content = Buffer.from('same scan uploaded twice');
    const first = await store.put(content);
    const second = await store.put(Buffer.from(content));
    assert.deepEqual(second, first);
    const folder = join(root, first.sha256.slice(0, 2));
    assert.deepEqual(readdirSync(folder), [first.sha256.slice(2)], 'one file, no leftover temporary file');
  });

  it('records the metadata row that points at the bytes', async () => {
    const content = Buffer.from('%PDF-1.7 result');
    const { sha256, size } = await store.put(content);
    const [row] = await database.db
      .insert(files)
      .values({ sha256, size, mediaType: 'application/pdf', fileName: 'ket-qua.pdf', ownerId: 'officer-1' })
      .returning();
    assert.ok(row);
    const [found] = await database.db.select().from(files).where(eq(files.id, row.id));
    assert.ok(found);
    assert.equal(found.sha256, sha256);
    assert.equal(found.size, content.length);
    assert.equal(found.fileName, 'ket-qua.pdf');
    assert.ok(found.createdAt instanceof Date);
    assert.equal(await text(store.read(found.sha256)), content.toString());
  });

  it('rejects a name that is not a digest instead of reading outside the store', () => {
    assert.throws(() => store.read('../../etc/passwd'), /Not a SHA-256 digest/);
  });
});
