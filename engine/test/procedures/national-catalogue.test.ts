import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCatalogue } from '../../src/procedures/bundle.js';
import { readRepositoryProcedure } from '../../src/procedures/bundle-io.js';
import { catalogueFromRecord, CatalogueRecordError, parseProcessingTime } from '../../src/procedures/national-catalogue.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { FIXTURE, REPOSITORY_ROOT } from './support.js';

/**
 * National catalogue records (CSDL quốc gia về TTHC), transcribed field by field from the catalogue entries of
 * Decision 1872/QĐ-BTP (2020) for "Đăng ký khai sinh" (1.001193) and "Đăng ký khai tử" (1.000656); the processing
 * time is Luật Hộ tịch 2014 art. 16 cl. 2 and art. 34 cl. 2 as the entries word it (docs/national-catalogue.md).
 */
const RECORDS = resolve(FIXTURE, '../national-catalogue');
const record = async (code: string) => JSON.parse(await readFile(resolve(RECORDS, `${code}.json`), 'utf8')) as Record<string, unknown>;

describe('processing time from the catalogue text', () => {
  test('working days and hours, and the same-day answer, are read; a trailing clause does not matter', () => {
    assert.deepEqual(parseProcessingTime('05 ngày làm việc'), { value: 5, unit: 'workingDays' });
    assert.deepEqual(parseProcessingTime('10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ'), { value: 10, unit: 'workingDays' });
    assert.deepEqual(parseProcessingTime('08 giờ làm việc'), { value: 8, unit: 'workingHours' });
    // One working day is 8 working hours: the shipped birth registration's legal time for "Trong ngày".
    assert.deepEqual(parseProcessingTime('Trong ngày'), { value: 8, unit: 'workingHours' });
  });

  test('calendar days, several durations or no number are refused, never guessed', () => {
    for (const [text, expected] of [
      ['30 ngày', /không ghi rõ là ngày hay giờ làm việc/],
      ['03 ngày làm việc đối với cá nhân; 05 ngày làm việc đối với tổ chức', /Không đọc được thời hạn giải quyết/],
      ['Theo quy định', /Không đọc được thời hạn giải quyết/],
      ['0 ngày làm việc', /Không đọc được thời hạn giải quyết/],
    ] as const) {
      assert.throws(() => parseProcessingTime(text), (error: unknown) => error instanceof CatalogueRecordError && expected.test(error.problems.join()), text);
    }
  });
});

describe('a national record as catalogue data', () => {
  test('the record of birth registration (1.001193) gives the shipped bundle\'s code, time, fees and documents', async () => {
    const shipped = (await readRepositoryProcedure(REPOSITORY_ROOT, 'dang-ky-khai-sinh')).catalogue;
    const imported = catalogueFromRecord(await record('1.001193'));
    assert.equal(imported.code, shipped.code);
    assert.equal(imported.name, shipped.name);
    assert.equal(imported.field, shipped.field);
    assert.equal(imported.level, shipped.level);
    assert.equal(imported.resultType, shipped.resultType);
    assert.deepEqual(imported.processingTime.legal, shipped.processingTime.legal);
    assert.deepEqual(imported.fees, shipped.fees.map(({ code: _code, ...fee }) => fee));
    const documents = (list: typeof shipped.requiredDocuments) => list.map(({ name, originals, copies, mandatory }) => ({ name, originals, copies, mandatory }));
    assert.deepEqual(documents(imported.requiredDocuments), documents(shipped.requiredDocuments));
    assert.equal(imported.requiredDocuments[0].note, 'Mẫu: Tờ khai đăng ký khai sinh (Thông tư số 04/2020/TT-BTP)');
  });
});

describe('the national service\'s own answer', () => {
  // Keys as OpenCPS reads the "LayThuTuc" answer (VietOpenCPS/opencps-v2, DVCQGIntegrationActionImpl); values from 1.000656.json.
  test('gives the same catalogue data as the record, fees aside that the service names by their description', async () => {
    const fromService = catalogueFromRecord(await record('1.000656-service'));
    const fromRecord = catalogueFromRecord(await record('1.000656'));
    assert.deepEqual({ ...fromService, fees: [] }, { ...fromRecord, fees: [] });
    assert.deepEqual(fromService.fees, [{ name: 'Lệ phí đăng ký khai tử', amount: 0 }]);
  });

  test('a service answer without a processing time is refused, naming the field', async () => {
    const answer = await record('1.000656-service');
    const procedure = (answer.result as Record<string, unknown>[])[0];
    delete procedure.CACHTHUCTHUCHIEN;
    assert.throws(() => catalogueFromRecord(answer), (error: unknown) => error instanceof CatalogueRecordError && error.problems.includes('Thiếu thời hạn giải quyết (ThoiHanGiaiQuyet)'));
  });
});

/** The import over real HTTP, on the platform with the shipped procedures published. */
describe('POST /api/procedures/import-catalogue', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  const tokens: Record<string, string> = {};

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { SEED_DEMO_DATA: 'true' });
    const client = await webClient(platform.issuer);
    for (const user of ['admin', 'analyst.ca', 'citizen1']) tokens[user] = await passwordLogin(client, user);
  });
  after(async () => {
    await platform.close();
    await site.remove();
  });

  const post = (token: string | undefined, body: unknown) =>
    api(platform.baseUrl, '/api/procedures/import-catalogue', token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const draftStatus = async (slug: string) => (await api(platform.baseUrl, `/api/procedures/${slug}/draft`, tokens.admin)).status;

  test('death registration (1.000656) starts a new draft on the birth registration model, with its process renamed', async () => {
    const response = await post(tokens.admin, { slug: 'dang-ky-khai-tu', template: 'dang-ky-khai-sinh', record: await record('1.000656') });
    assert.equal(response.status, 201);
    const saved = (await response.json()) as { procedure: { slug: string; code: string; status: string }; lint: { errors: number } };
    assert.deepEqual([saved.procedure.slug, saved.procedure.code, saved.procedure.status], ['dang-ky-khai-tu', '1.000656', 'draft']);
    assert.equal(saved.lint.errors, 0);

    const { files } = (await (await api(platform.baseUrl, '/api/procedures/dang-ky-khai-tu/draft', tokens.admin)).json()) as { files: Record<string, string> };
    const catalogue = parseCatalogue(files['procedure.json']);
    assert.equal(catalogue.name, 'Đăng ký khai tử');
    assert.deepEqual(catalogue.processingTime, { legal: { value: 8, unit: 'workingHours' } });
    assert.deepEqual(catalogue.requiredDocuments.map((d) => d.name), ['Tờ khai đăng ký khai tử theo mẫu', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử']);
    assert.deepEqual(catalogue.fees, [{ name: 'Lệ phí đăng ký khai tử', amount: 0, note: 'Miễn lệ phí đăng ký khai tử đúng hạn (Luật Hộ tịch, Điều 11)' }]);
    assert.equal(catalogue.mainProcess, 'dang-ky-khai-tu');
    // Offered by every commune like its template, without the birth registration's hint on the
    // competent commune (the parents' residence, Luật Hộ tịch 2014, Điều 13), which is not the death's.
    assert.deepEqual(catalogue.offeredBy, { level: 'commune' });
    assert.match(files['models/dang-ky-khai-sinh.bpmn'], /<bpmn:process id="dang-ky-khai-tu"/);
  });

  test('a malformed record is refused with every problem in Vietnamese, and nothing is created', async () => {
    const broken = { ...(await record('1.000656')), MaTTHC: '1.999999', TenTTHC: '', ThoiHanGiaiQuyet: '30 ngày', CapThucHien: 'Cấp Huyện', ThanhPhanHoSo: [{ SoBanChinh: -1 }] };
    const response = await post(tokens.admin, { slug: 'thu-tuc-hong', template: 'dang-ky-khai-sinh', record: broken });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { problems: string[] };
    assert.deepEqual(body.problems, [
      'Thiếu tên thủ tục (TenTTHC)',
      'Cấp thực hiện "Cấp Huyện" không được hỗ trợ: chỉ "Cấp Xã" hoặc "Cấp Tỉnh"',
      'Thời hạn giải quyết "30 ngày" không ghi rõ là ngày hay giờ làm việc; hãy nhập thời hạn trong trình soạn thảo',
      'Thành phần hồ sơ thứ 1: thiếu tên giấy tờ (TenGiayTo)',
      'Thành phần hồ sơ thứ 1: SoBanChinh phải là số nguyên không âm',
    ]);
    assert.equal((await post(tokens.admin, { slug: 'thu-tuc-hong', template: 'dang-ky-khai-sinh', record: 'không phải JSON' })).status, 400);
    assert.equal(await draftStatus('thu-tuc-hong'), 404);
  });

  test('a code already in the catalogue is refused (409), and officers of another agency or citizens may not import', async () => {
    const birth = await record('1.001193');
    const taken = await post(tokens.admin, { slug: 'khai-sinh-moi', template: 'dang-ky-khai-sinh', record: birth });
    assert.equal(taken.status, 409);
    assert.match(((await taken.json()) as { message: string }).message, /Mã thủ tục 1\.001193 đã thuộc thủ tục 'dang-ky-khai-sinh'/);
    const death = { ...(await record('1.000656')), MaTTHC: '1.000657' };
    assert.equal((await post(tokens['analyst.ca'], { slug: 'khai-tu-ca', template: 'dang-ky-khai-sinh', record: death })).status, 403);
    assert.equal((await post(tokens.citizen1, { slug: 'khai-tu-ca', template: 'dang-ky-khai-sinh', record: death })).status, 403);
    assert.equal((await post(undefined, { slug: 'khai-tu-ca', template: 'dang-ky-khai-sinh', record: death })).status, 401);
    assert.equal(await draftStatus('khai-tu-ca'), 404);
  });
});
