import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleToZip, readBundleFolder } from '../../src/procedures/bundle-io.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { edit, FIXTURE, REPOSITORY_ROOT } from './support.js';
import type { Schemas } from '../support/api-types.js';

type ApplicationForm = Schemas['PublishedApplicationFormDto'] & { form: { id: string; components: { key?: string; label?: string }[] } };

/** GET /api/public/procedures/:slugOrCode/application-form, anonymous, over real HTTP. */
describe('public application form of the current published version', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let analyst: string;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { SEED_DEMO_DATA: 'true' });
    analyst = await passwordLogin(await webClient(platform.issuer), 'analyst.vpdk');
  });
  after(async () => {
    await platform.close();
    await site.remove();
  });

  const get = (path: string, token?: string) => api(platform.baseUrl, path, token);

  async function publish(bundle: Awaited<ReturnType<typeof readBundleFolder>>): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([bundleToZip(bundle)], { type: 'application/zip' }), 'bundle.zip');
    assert.equal((await api(platform.baseUrl, '/api/procedures/import', analyst, { method: 'POST', body: form })).status, 201);
    const published = await api(platform.baseUrl, `/api/procedures/${bundle.catalogue.slug}/publish`, analyst, { method: 'POST' });
    assert.equal(published.status, 200, await published.text());
  }

  test('a shipped procedure answers its tờ khai, by slug and by national code, without a token', async () => {
    const catalogue = (await (await get('/api/public/procedures/dang-ky-khai-sinh')).json()) as { code: string; version: number; applicationForm: string };
    const shipped = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'forms/dang-ky-khai-sinh/to-khai.form'), 'utf8')) as { id: string };
    assert.equal(shipped.id, catalogue.applicationForm);

    const bySlug = await get('/api/public/procedures/dang-ky-khai-sinh/application-form');
    assert.equal(bySlug.status, 200);
    const body = (await bySlug.json()) as ApplicationForm;
    assert.equal(body.slug, 'dang-ky-khai-sinh');
    assert.equal(body.version, catalogue.version);
    assert.equal(body.formId, catalogue.applicationForm);
    assert.deepEqual(body.form, shipped);

    const byCode = (await (await get(`/api/public/procedures/${encodeURIComponent(catalogue.code)}/application-form`)).json()) as ApplicationForm;
    assert.deepEqual(byCode, body);
  });

  test('a new published version replaces the form; an unpublished or unknown procedure answers 404', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    await publish(bundle);
    const first = (await (await get('/api/public/procedures/land-use-extract/application-form')).json()) as ApplicationForm;
    assert.equal(first.version, 1);
    assert.equal(first.form.id, 'land-extract-application');
    assert.ok(first.form.components.some((c) => c.label === 'Số thửa'));

    await publish(edit(bundle, { 'forms/application.form': (text) => text.replace('"label": "Số thửa"', '"label": "Số thửa đất"') }));
    const second = (await (await get('/api/public/procedures/land-use-extract/application-form')).json()) as ApplicationForm;
    assert.equal(second.version, 2);
    assert.deepEqual(second.form.components.map((c) => c.label).filter((l) => l?.startsWith('Số thửa')), ['Số thửa đất']);

    assert.equal((await api(platform.baseUrl, '/api/procedures/land-use-extract/unpublish', analyst, { method: 'POST' })).status, 200);
    const unpublished = await get('/api/public/procedures/land-use-extract/application-form');
    assert.equal(unpublished.status, 404);
    assert.match(((await unpublished.json()) as { message: string }).message, /not published/);
    assert.equal((await get('/api/public/procedures/khong-co-thu-tuc-nay/application-form')).status, 404);
  });
});
