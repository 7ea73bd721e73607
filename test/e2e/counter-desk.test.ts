import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi, waitFor } from './dossier-api.js';
import { field, screenshotsOnFailure, signedInPage } from './dossier-steps.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE } from '@mot-cua/engine/test-fixtures/dossiers.js';
import { landUseDossierWaitingForFee } from './sample-dossiers.js';

const BUSINESS = CASES['dang-ky-ho-kinh-doanh'];

describe('the counter and the leader, in a real browser: a fee paid in cash, an apology with a new appointment, the result handed over', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;

  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('reception records the fees paid in cash with the receipt number, and the dossier moves on', async () => {
    const dossier = await landUseDossierWaitingForFee(api);
    const due = await api.call<{ amount: number }>('citizen1', `/api/payments/due?dossierId=${dossier.id}`);

    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'counter-cash-fee', async () => {
      await page.goto(`${platform.baseUrl}/worklist/ho-so/${dossier.id}`);
      await page.getByRole('heading', { name: dossier.code }).waitFor();
      await page.locator('.meta').getByText('Chờ nộp phí, lệ phí').waitFor();
      const actions = page.getByRole('region', { name: 'Thao tác khác' });
      await actions.getByRole('heading', { name: 'Thu phí, lệ phí tại quầy' }).waitFor();
      await actions.getByLabel('Số tiền (đồng)').fill(String(due.amount));
      await actions.getByLabel('Số biên lai').fill('0001234');
      await screenshot(page, 'counter-cash-fee-01-form');
      await actions.getByRole('button', { name: 'Ghi nhận đã thu' }).click();
      await page.locator('.meta').getByText('Đang giải quyết').waitFor();
      await screenshot(page, 'counter-cash-fee-02-recorded');
      assert.equal(await page.getByRole('heading', { name: 'Thu phí, lệ phí tại quầy' }).count(), 0, 'nothing left to collect');
    });
    await context.close();

    const paid = await api.dossier('citizen1', dossier.id);
    assert.equal(paid.status, 'processing');
    assert.deepEqual(
      paid.feePayments.map((p) => ({ amount: p.amount, method: p.method, receiptNumber: p.receiptNumber })),
      [{ amount: due.amount, method: 'cash', receiptNumber: '0001234' }],
    );
  });

  test('the leader gives a new appointment with an apology letter; at the end the counter hands the result over', async () => {
    // Household business registration (2 working days): an apology must go out at least one
    // working day before the appointment, which a same-day birth registration never allows.
    const dossier = await api.submit('citizen1', BUSINESS.slug, BUSINESS.application);
    await api.completeStep('reception.hongha', dossier.id, 'Task_TiepNhan', RECEIVE);
    // The household business fee is asked right after receipt; paid at the counter, the dossier goes on to appraisal.
    await api.waitForStatus('citizen1', dossier.id, 'waiting_for_fee');
    const fee = BUSINESS.feeAtReceipt!;
    await api.call('reception.hongha', `/api/dossiers/${dossier.id}/fee-payments`, { amount: fee.amount, feeCode: fee.code, receiptNumber: 'BL-000201' });
    const received = await api.waitForStatus('citizen1', dossier.id, 'processing');
    assert.ok(received.dueDate, 'reception gave an appointment');

    // The leader sees the dossier will be late and gives the applicant a new appointment, with a
    // letter: three working days after the original one, on the platform's calendar.
    const leader = await signedInPage(platform.browser, platform.baseUrl, 'leader.hongha');
    const later = await api.call<{ dueDate: string }>('leader.hongha', `/api/calendar/due-date?start=${encodeURIComponent(received.dueDate)}&days=3`);
    const newAppointment = new Date(later.dueDate);
    // Typed as the field shows it, day first (dd/mm/yyyy hh:mm), on the browser's clock.
    const [day, time] = new Date(newAppointment.getTime() - newAppointment.getTimezoneOffset() * 60_000).toISOString().slice(0, 16).split('T') as [string, string];
    const typed = `${day.split('-').reverse().join('/')} ${time}`;
    await screenshotsOnFailure(platform.browser, 'apology', async () => {
      await leader.page.goto(`${platform.baseUrl}/worklist/ho-so/${dossier.id}`);
      await leader.page.getByRole('heading', { name: dossier.code }).waitFor();
      const actions = leader.page.getByRole('region', { name: 'Thao tác khác' });
      await actions.getByRole('heading', { name: 'Hẹn lại ngày trả kết quả (phiếu xin lỗi)' }).waitFor();
      assert.equal(await actions.getByRole('heading', { name: 'Thu phí, lệ phí tại quầy' }).count(), 0, 'a leader collects no fees');
      const appointment = actions.getByRole('textbox', { name: 'Ngày hẹn mới', exact: true });
      await appointment.fill(typed);
      await appointment.press('Enter');
      assert.equal(await appointment.inputValue(), typed);
      // The unit at fault, printed in the letter, is named as the agency directory names it (processes/agencies.json), not by its code.
      assert.equal(await actions.getByLabel('Đơn vị để quá hạn').inputValue(), 'Ủy ban nhân dân phường Hồng Hà');
      await actions.getByLabel('Lý do').fill('Phải xác minh thêm địa điểm kinh doanh.');
      // She signs the letter with her own key (Decree 30/2020/NĐ-CP, Appendix I: the competent person signs).
      await actions.getByLabel('Mã PIN ký số').fill(LEADER_PIN);
      await actions.getByRole('button', { name: 'Lập phiếu xin lỗi và hẹn lại' }).click();
      await actions.getByText('Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả.').waitFor();
      await leader.page.getByRole('tab', { name: /^Văn bản/ }).click();
      const letter = leader.page.locator('li[data-kind="apology"]');
      await letter.getByText('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết').waitFor();
      await letter.getByText('Ký số: Lê Thị Mai').waitFor();
      await screenshot(leader.page, 'apology-01-letter-issued');
    });
    await leader.context.close();
    const rescheduled = (await api.dossier('citizen1', dossier.id)) as typeof received & { rescheduledDueDate: string | null };
    assert.equal(rescheduled.dueDate, received.dueDate, 'the original appointment stays: the dossier counts late');
    assert.ok(rescheduled.rescheduledDueDate && Math.abs(Date.parse(rescheduled.rescheduledDueDate) - newAppointment.getTime()) < 60_000, 'the new appointment beside it');
    const documents = await api.call<{ kind: string; signatures?: unknown[] }[]>('citizen1', `/api/dossiers/${dossier.id}/documents`);
    assert.ok(documents.some((d) => d.kind === 'apology'), 'the applicant can read the apology letter');

    await api.completeStep('specialist.hongha', dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[BUSINESS.slug]));
    await api.completeStep('leader.hongha', dossier.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await api.completeStep('clerk.hongha', dossier.id, 'Task_KySoVanThu', BUSINESS.numbering);
    await api.waitForStatus('citizen1', dossier.id, 'done');

    // The result waits at the counter; the reception officer hands it over and records who took it.
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'counter-hand-over', async () => {
      await page.goto(`${platform.baseUrl}/counter`);
      await page.getByRole('navigation', { name: 'Quầy tiếp nhận' }).getByRole('link', { name: 'Trả kết quả' }).click();
      const row = page.locator('tbody tr', { hasText: dossier.code });
      await waitFor('the dossier on the return list', async () => {
        if (await row.count()) return true;
        await page.reload();
        await page.locator('main h1').waitFor();
        return undefined;
      });
      await screenshot(page, 'counter-return-01-list');
      await row.getByRole('link', { name: `Trả kết quả ${dossier.code}` }).click();
      await page.locator('.task-form .fjs-container').waitFor();
      await field(page, 'Field_hinhThucTra-0').check();
      await field(page, 'Field_nguoiNhan').fill('Nguyễn Văn An');
      await screenshot(page, 'counter-return-02-hand-over');
      await page.getByRole('button', { name: 'Hoàn thành và chuyển bước' }).click();
      await page.waitForURL((url) => url.pathname === '/counter/tra-ket-qua');
      await page.getByRole('status').getByText(`của hồ sơ ${dossier.code}`).waitFor();
      await page.locator('tbody tr', { hasText: dossier.code }).waitFor({ state: 'detached' });
      await screenshot(page, 'counter-return-03-handed-over');
    });
    await context.close();
    await api.waitForStatus('citizen1', dossier.id, 'returned');
  });
});
