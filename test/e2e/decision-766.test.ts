import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { SCREENSHOTS, screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi, waitFor } from './dossier-api.js';
import { signedInPage } from './dossier-steps.js';

interface Scored {
  id: string;
  name: string;
  formula: string;
  computable: boolean;
  reason: string | null;
  value: number | null;
  points: number | null;
  maxPoints: number | null;
}

/** The supervisor's dashboard on the demo data: the "Chỉ số 766" section, in Vietnamese, agrees with the API. */
describe('the dashboard’s Decision 766 section', () => {
  let platform: BrowserPlatform;

  before(async () => {
    platform = await startBrowserPlatform({ demoDossiers: true });
    const api = new DossierApi(platform.baseUrl);
    // The demo dossiers advance in the background: wait for the last one handed back at the counter.
    await waitFor('the demo dossiers', async () => {
      const list = await api.call<{ items: { status: string }[] }>('citizen1', '/api/dossiers?limit=50');
      return list.items.some((d) => d.status === 'returned') ? true : undefined;
    });
  });
  after(async () => {
    await platform?.close();
  });

  test('shows every indicator with its formula, value and points, and names those it cannot compute', async () => {
    const api = new DossierApi(platform.baseUrl);
    const { decision766 } = await api.call<{ decision766: { groups: { name: string }[]; indicators: Scored[] } }>('supervisor', '/api/statistics/indicators');
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'supervisor');
    await page.goto(`${platform.baseUrl}/dashboard`);
    const section = page.locator('section.decision-766');
    await section.getByRole('heading', { name: 'Chỉ số 766' }).waitFor();
    // Decision 766/QĐ-TTg's five groups, by their Vietnamese names.
    for (const group of ['Công khai, minh bạch', 'Tiến độ, kết quả giải quyết', 'Số hóa hồ sơ', 'Cung cấp dịch vụ trực tuyến', 'Mức độ hài lòng']) {
      assert.ok(decision766.groups.some((g) => g.name === group), group);
      await section.locator('caption', { hasText: group }).waitFor();
    }
    const number = (n: number) => new Intl.NumberFormat('vi', { maximumFractionDigits: 2 }).format(n);
    const row = (id: string) => section.locator(`tr[data-indicator="${id}"]`);
    // The on-time rate, worth up to 20 points (Decision 766/QĐ-TTg, progress group): formula, value and points as the API computed them.
    const onTime = decision766.indicators.find((i) => i.id === '2.1')!;
    const onTimeText = await row('2.1').innerText();
    assert.match(onTimeText, /Tỷ lệ hồ sơ giải quyết đúng hạn/);
    assert.ok(onTimeText.includes(onTime.formula), 'the published formula is shown');
    if (onTime.value !== null) assert.ok(onTimeText.includes(`${number(onTime.value)}%`), `value ${onTime.value} in ${onTimeText}`);
    assert.ok(onTimeText.includes(`/ ${number(20)}`), 'points out of 20');
    // What needs the population database is named with its reason, not left out.
    const population = await row('4.4').innerText();
    assert.match(population, /Không tính được trên hệ thống/);
    assert.match(population, /Cơ sở dữ liệu quốc gia về dân cư/);
    assert.equal(await section.locator('tr[data-indicator]').count(), decision766.indicators.length);
    // The demo platform is not connected to the national portal: the sync section says so, and
    // indicator 1.2 (dossiers synced to the portal) says what is missing.
    const sync = page.locator('section.portal-sync');
    await sync.getByText('Chưa kết nối Cổng Dịch vụ công quốc gia').waitFor();
    await sync.screenshot({ path: join(SCREENSHOTS, 'dashboard-portal-sync.png') });
    assert.match(await row('1.2').innerText(), /NATIONAL_PORTAL_AUTH_URL/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-decision-766');
    await section.screenshot({ path: join(SCREENSHOTS, 'dashboard-decision-766-section.png') });
    await context.close();
  });

  test('anyone sends feedback from the portal; the supervisor sees it with its deadline and answers it', async () => {
    const anonymous = await platform.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const portal = await anonymous.newPage();
    await portal.goto(`${platform.baseUrl}/portal`);
    await portal.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await portal.getByRole('heading', { name: 'Phản ánh, kiến nghị' }).waitFor();
    const agency = portal.getByLabel('Cơ quan');
    await agency.locator('option', { hasText: 'Ủy ban nhân dân phường Hồng Hà' }).waitFor({ state: 'attached' });
    await agency.selectOption({ label: 'Ủy ban nhân dân phường Hồng Hà' });
    await portal.getByLabel('Họ và tên').fill('Lê Thị Hoa');
    await portal.getByLabel('Số điện thoại hoặc thư điện tử nhận trả lời').fill('0912345678');
    await portal.getByLabel('Nội dung phản ánh, kiến nghị').fill('Đề nghị niêm yết mẫu tờ khai khai sinh tại bộ phận một cửa.');
    await portal.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    const filed = await portal.getByRole('status').innerText();
    // The deadline as people read it: dd/MM/yyyy and the hour (in the order Intl's vi-VN gives them), in Vietnam time.
    const code = /Đã tiếp nhận phản ánh, kiến nghị số (PAKN-\d{6}-\d{6})\. Ủy ban nhân dân phường Hồng Hà sẽ trả lời trước (\d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}|\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2})\./.exec(filed)?.[1];
    assert.ok(code, filed);
    await screenshot(portal, 'portal-feedback-filed');
    await anonymous.close();

    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'supervisor');
    await page.goto(`${platform.baseUrl}/dashboard`);
    await page.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    const row = page.locator('tr', { has: page.locator('th', { hasText: code }) });
    await row.waitFor();
    assert.match(await row.innerText(), /Lê Thị Hoa[\s\S]*Đang xử lý/);
    await screenshot(page, 'dashboard-feedback-list');
    await row.getByLabel(`Trả lời phản ánh ${code}`).fill('Bộ phận một cửa đã niêm yết mẫu tờ khai, xin cảm ơn bà.');
    await row.getByRole('button', { name: 'Gửi trả lời' }).click();
    // Answered: gone from the unanswered list, shown as answered in the full one.
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Hiển thị').selectOption({ label: 'Tất cả' });
    await row.waitFor();
    assert.match(await row.innerText(), /Đã trả lời/);
    await context.close();
  });
});
