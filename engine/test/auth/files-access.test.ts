import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { backendName } from '../support/database.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from './platform.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

describe(`files API (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let client: oidc.Configuration;
  const tokens: Record<string, string> = {};

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { UPLOAD_MAX_MB: '1' });
    client = await webClient(platform.issuer);
    for (const username of ['citizen1', 'citizen2', 'reception.hongha', 'clerk.ca', 'reception.sxd', 'clerk.stnmt', 'supervisor']) {
      tokens[username] = await passwordLogin(client, username);
    }
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  function upload(username: string | undefined, content: Buffer, fileName: string, field = 'file'): Promise<Response> {
    const form = new FormData();
    form.append(field, new Blob([content]), fileName);
    return api(site.baseUrl, '/api/files', username ? tokens[username] : undefined, { method: 'POST', body: form });
  }

  test('the uploader can read a file not yet attached to a dossier; nobody else, not even officers of agencies handling his dossiers', async () => {
    const response = await upload('citizen1', PDF, 'Đơn đề nghị cấp phép.pdf');
    assert.equal(response.status, 201);
    const stored = (await response.json()) as { id: string; fileName: string; mediaType: string; size: number };
    assert.equal(stored.fileName, 'Đơn đề nghị cấp phép.pdf');
    assert.equal(stored.mediaType, 'application/pdf');
    assert.equal(stored.size, PDF.length);

    const own = await api(site.baseUrl, `/api/files/${stored.id}`, tokens.citizen1);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('content-type'), 'application/pdf');
    assert.match(own.headers.get('content-disposition')!, /filename\*=UTF-8''%C4%90%C6%A1n/);
    assert.deepEqual(Buffer.from(await own.arrayBuffer()), PDF);

    // citizen1 has dossiers at UBND-XA-HH and CA (demo data); access follows the dossier holding a file
    // (test/dossiers/file-access.test.ts), so an unattached upload stays his own.
    assert.equal((await api(site.baseUrl, `/api/files/${stored.id}`, tokens['reception.hongha'])).status, 404);
    assert.equal((await api(site.baseUrl, `/api/files/${stored.id}`, tokens['clerk.ca'])).status, 404);
    assert.equal((await api(site.baseUrl, `/api/files/${stored.id}`, tokens['reception.sxd'])).status, 404);
    assert.equal((await api(site.baseUrl, `/api/files/${stored.id}`, tokens.citizen2)).status, 404);
    assert.equal((await api(site.baseUrl, `/api/files/${stored.id}`, tokens.supervisor)).status, 404);
    assert.equal((await api(site.baseUrl, `/api/files/${stored.id}`)).status, 401);
  });

  test('an officer cannot read a file of a citizen without a dossier in his agency', async () => {
    const response = await upload('reception.sxd', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'scan.png');
    assert.equal(response.status, 201);
    const { id, mediaType } = (await response.json()) as { id: string; mediaType: string };
    assert.equal(mediaType, 'image/png');
    assert.equal((await api(site.baseUrl, `/api/files/${id}`, tokens['reception.sxd'])).status, 200);
    assert.equal((await api(site.baseUrl, `/api/files/${id}`, tokens['clerk.stnmt'])).status, 404);
    assert.notEqual(demoAccount('reception.sxd').agencyCode, demoAccount('clerk.stnmt').agencyCode);
  });

  test('refuses other media types by content, whatever the name says: 400', async () => {
    const response = await upload('citizen1', Buffer.from('<script>alert(1)</script>'), 'giay-to.pdf');
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, /application\/pdf, image\/png, image\/jpeg/);
  });

  test('refuses a file above UPLOAD_MAX_MB: 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 1)]);
    assert.equal((await upload('citizen1', big, 'big.pdf')).status, 413);
  });

  test('only applicants and the counter upload: other roles get 403 (hardening finding 8)', async () => {
    for (const username of ['clerk.ca', 'supervisor']) assert.equal((await upload(username, PDF, 'a.pdf')).status, 403, username);
    assert.equal((await upload('reception.hongha', PDF, 'a.pdf')).status, 201);
  });

  test('refuses a request without the file field or without a token', async () => {
    assert.equal((await upload('citizen1', PDF, 'a.pdf', 'attachment')).status, 400);
    assert.equal((await upload(undefined, PDF, 'a.pdf')).status, 401);
  });
});
