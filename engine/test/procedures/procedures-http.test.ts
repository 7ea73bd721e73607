import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bundleFromZip, bundleToZip, readBundleFolder } from '../../src/procedures/bundle-io.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { edit, FIXTURE } from './support.js';

/** The procedures API over real HTTP with tokens from the built-in provider. */
describe('procedures API', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  const tokens: Record<string, string> = {};

  before(async () => {
    site = await createSite();
    // Demo data: the accounts below, and the shipped procedures published at start.
    platform = await startPlatform(site, { SEED_DEMO_DATA: 'true' });
    const client = await webClient(platform.issuer);
    for (const user of ['analyst.vpdk', 'analyst.ca', 'analyst.stnmt', 'admin', 'citizen1', 'reception.stnmt']) tokens[user] = await passwordLogin(client, user);
  });
  after(async () => {
    await platform.close();
    await site.remove();
  });

  const upload = (token: string | undefined, zip: Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([zip], { type: 'application/zip' }), 'bundle.zip');
    return api(platform.baseUrl, '/api/procedures/import', token, { method: 'POST', body: form });
  };

  test('citizens and officers get 403 on the analyst endpoints, anonymous callers 401', async () => {
    const zip = bundleToZip(await readBundleFolder(FIXTURE));
    for (const user of ['citizen1', 'reception.stnmt']) {
      assert.equal((await upload(tokens[user], zip)).status, 403, user);
      assert.equal((await api(platform.baseUrl, '/api/procedures/land-use-extract/publish', tokens[user], { method: 'POST' })).status, 403, user);
      assert.equal((await api(platform.baseUrl, '/api/procedures/land-use-extract/versions', tokens[user])).status, 403, user);
    }
    assert.equal((await upload(undefined, zip)).status, 401);
  });

  test('an analyst imports a zip with lint errors, sees them, fixes the draft and publishes it', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const broken = edit(bundle, { 'models/land-use-extract.bpmn': (xml) => xml.replace('candidateGroups="specialist"', 'candidateGroups="chuyen-vien"') });
    const imported = await upload(tokens['analyst.vpdk'], bundleToZip(broken));
    assert.equal(imported.status, 201);
    const body = (await imported.json()) as { lint: { ok: boolean; issues: { elementId?: string; message: string }[] } };
    assert.equal(body.lint.ok, false);
    assert.deepEqual(body.lint.issues.map((i) => [i.elementId, i.message]), [
      ['Task_appraise', "user task 'Task_appraise' (Thẩm định hồ sơ) names candidate group 'chuyen-vien' that is not a platform role (citizen, reception, specialist, leader, clerk, analyst, admin, supervisor)"],
    ]);
    const refused = await api(platform.baseUrl, '/api/procedures/land-use-extract/publish', tokens['analyst.vpdk'], { method: 'POST' });
    assert.equal(refused.status, 422);
    assert.equal(((await refused.json()) as { lint: { errors: number } }).lint.errors, 1);

    const saved = await api(platform.baseUrl, '/api/procedures/land-use-extract/draft', tokens['analyst.vpdk'], {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: bundle.files }),
    });
    assert.equal(saved.status, 200);
    const published = await api(platform.baseUrl, '/api/procedures/land-use-extract/publish', tokens['analyst.vpdk'], { method: 'POST' });
    assert.equal(published.status, 200);
    assert.deepEqual(((await published.json()) as { version: { version: number }; created: boolean }).created, true);

    const exported = await api(platform.baseUrl, '/api/procedures/land-use-extract/versions/1/export', tokens['analyst.vpdk']);
    assert.equal(exported.headers.get('content-type'), 'application/zip');
    const zip = new Uint8Array(await exported.arrayBuffer());
    assert.deepEqual(zip, bundleToZip(bundle));
    assert.deepEqual(bundleFromZip(zip), bundle);
  });

  test('a draft larger than the default 100 kB JSON body is saved whole', async () => {
    const draft = await api(platform.baseUrl, '/api/procedures/cap-phieu-ly-lich-tu-phap/draft', tokens['analyst.ca']);
    assert.equal(draft.status, 200);
    const { files } = (await draft.json()) as { files: Record<string, string> };
    const body = JSON.stringify({ files: { ...files, 'templates/phieu-ly-lich-tu-phap.hbs': `${files['templates/phieu-ly-lich-tu-phap.hbs']}<!-- ${'x'.repeat(100_000)} -->\n` } });
    assert.ok(body.length > 200_000);
    const saved = await api(platform.baseUrl, '/api/procedures/cap-phieu-ly-lich-tu-phap/draft', tokens['analyst.ca'], {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    const tooLarge = await api(platform.baseUrl, '/api/procedures/cap-phieu-ly-lich-tu-phap/rollback', tokens['analyst.ca'], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, padding: 'x'.repeat(200_000) }),
    });
    assert.equal(tooLarge.status, 413, await tooLarge.clone().text());
  });

  test('the published catalogue is readable by any signed-in user and, publicly, by anyone', async () => {
    const list = await api(platform.baseUrl, '/api/procedures', tokens.citizen1);
    assert.equal(list.status, 200);
    const listed = (await list.json()) as { slug: string; status: string; currentVersion: number }[];
    assert.equal(listed.length, 6, 'the five shipped procedures seeded at start and the one published here');
    assert.ok(listed.every((p) => p.status === 'published' && p.currentVersion === 1));
    assert.ok(listed.some((p) => p.slug === 'land-use-extract'));
    // The agency by its name in processes/agencies.json, as the studio's list shows it.
    const birth = listed.find((p) => p.slug === 'dang-ky-khai-sinh') as { agencyCode?: string; agencyName?: string } | undefined;
    assert.deepEqual([birth?.agencyCode, birth?.agencyName], ['UBND-XA-HH', 'Ủy ban nhân dân phường Hồng Hà']);
    const publicEntry = await api(platform.baseUrl, '/api/public/procedures/1.004227');
    assert.equal(publicEntry.status, 200);
    const entry = (await publicEntry.json()) as { name: string; version: number; processingTime: unknown };
    assert.deepEqual([entry.name, entry.version], ['Trích lục bản đồ địa chính', 1]);
    assert.equal((await api(platform.baseUrl, '/api/public/procedures/no-such-procedure')).status, 404);
  });

  test('bad input is refused at the edge with the reason', async () => {
    const notZip = await upload(tokens['analyst.vpdk'], new TextEncoder().encode('plain text'));
    assert.equal(notZip.status, 400);
    assert.match(((await notZip.json()) as { message: string }).message, /not a readable zip archive/);
    const badDiff = await api(platform.baseUrl, '/api/procedures/land-use-extract/diff?from=0&to=draft', tokens['analyst.vpdk']);
    assert.equal(badDiff.status, 400);
    const rollback = await api(platform.baseUrl, '/api/procedures/land-use-extract/rollback', tokens['analyst.vpdk'], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 9 }),
    });
    assert.equal(rollback.status, 404, await rollback.clone().text());
  });

  test('an analyst manages his own agency’s procedures only; an administrator, every agency’s', async () => {
    // Hardening finding 8: analysts could edit, publish and roll back other agencies' procedures.
    const other = tokens['analyst.stnmt'];
    const draft = await api(platform.baseUrl, '/api/procedures/land-use-extract/draft', other);
    assert.equal(draft.status, 403);
    assert.match(((await draft.json()) as { message: string }).message, /belongs to agency VPDK; you manage the procedures of STNMT only/);
    for (const [method, path] of [['POST', 'publish'], ['POST', 'lint'], ['GET', 'versions'], ['POST', 'unpublish']] as const) {
      assert.equal((await api(platform.baseUrl, `/api/procedures/land-use-extract/${path}`, other, { method })).status, 403, path);
    }
    const rollback = await api(platform.baseUrl, '/api/procedures/land-use-extract/rollback', other, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1 }),
    });
    assert.equal(rollback.status, 403);
    const bundle = await readBundleFolder(FIXTURE);
    const saved = await api(platform.baseUrl, '/api/procedures/land-use-extract/draft', other, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: bundle.files }),
    });
    assert.equal(saved.status, 403);
    assert.equal((await upload(other, bundleToZip(bundle))).status, 403, 'an import naming another agency');
    assert.equal((await api(platform.baseUrl, '/api/procedures/land-use-extract/draft', tokens.admin)).status, 200);
    assert.equal((await api(platform.baseUrl, '/api/procedures/land-use-extract/versions', tokens['analyst.vpdk'])).status, 200);
  });
  test('an analyst previews a template of his draft on sample data; a broken or oversized template is refused with the reason', async () => {
    const slug = 'cap-phieu-ly-lich-tu-phap';
    const preview = (token: string | undefined, source: unknown) =>
      api(platform.baseUrl, `/api/procedures/${slug}/template-preview`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source }) });
    const draft = (await (await api(platform.baseUrl, `/api/procedures/${slug}/draft`, tokens['analyst.ca'])).json()) as { files: Record<string, string>; catalogue: { name: string } };
    const receipt = draft.files['templates/common/giay-tiep-nhan-hen-tra.hbs'];
    const answer = await preview(tokens['analyst.ca'], receipt);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    const html = await answer.text();
    // The template's own line names the request by the procedure's name in the draft's procedure.json.
    assert.ok(html.includes(`Nội dung yêu cầu giải quyết: <b>${draft.catalogue.name}</b>`), html.slice(0, 2000));
    // A field of the application form shows where it goes: its label in brackets.
    const certificate = await (await preview(tokens['analyst.ca'], draft.files['templates/phieu-ly-lich-tu-phap.hbs'])).text();
    assert.match(certificate, /1\. Họ và tên: <span[^>]*>\[[^\]]+\]<\/span>/);

    const broken = await preview(tokens['analyst.ca'], '{{#if dossier.code}}không đóng');
    assert.equal(broken.status, 400);
    assert.match(((await broken.json()) as { message: string }).message, /^The template cannot be rendered: /);
    // Longer than TEMPLATE_SOURCE_MAX (1 000 000 characters), within the draft's body limit: refused by validation.
    assert.equal((await preview(tokens['analyst.ca'], 'x'.repeat(1_000_001))).status, 400);
    assert.equal((await preview(tokens['analyst.ca'], 42)).status, 400);
    assert.equal((await preview(tokens['analyst.vpdk'], receipt)).status, 403, 'another agency’s analyst');
    assert.equal((await preview(tokens.citizen1, receipt)).status, 403);
  });
});
