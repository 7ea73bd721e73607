import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi } from './dossier-api.js';
import { screenshotsOnFailure, signedInPage } from './dossier-steps.js';
import { landUseDossierWaitingForFee } from './sample-dossiers.js';

describe('online fee payment from the citizen portal, in a real browser', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;

  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('the citizen sees the fees due in đồng, pays on the bank page, and comes back to his dossier moving on', async () => {
    // Submitted online and taken to "waiting for fee" through the API, as the officers would.
    const submitted = await landUseDossierWaitingForFee(api);
    const due = await api.call<{ amount: number; fees: { name: string; amount: number }[] }>('citizen1', `/api/payments/due?dossierId=${submitted.id}`);
    assert.ok(due.amount > 0 && due.fees.length > 0, 'the process asked for a fee with an amount');

    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'citizen1');
    await screenshotsOnFailure(platform.browser, 'online-payment', async () => {
      // The dossier is found by its code among his own, filtered by the server.
      await page.goto(`${platform.baseUrl}/portal/ho-so`);
      await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill(submitted.code.slice(-11).toLowerCase());
      await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption('waiting_for_fee');
      const row = page.locator('tbody tr', { hasText: submitted.code });
      await row.waitFor();
      assert.equal(await page.locator('tbody tr').count(), 1, 'only the dossier searched for');
      await row.getByRole('link').first().click();

      // The fees due, each with its amount in đồng, and the total.
      const panel = page.getByRole('region', { name: 'Nộp phí, lệ phí' });
      await panel.waitFor();
      const dong = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
      for (const fee of due.fees) await panel.getByRole('row', { name: new RegExp(`${escape(fee.name)}.*${escape(dong(fee.amount))}`) }).waitFor();
      assert.match(await panel.getByRole('row', { name: /Tổng cộng/ }).innerText(), new RegExp(escape(dong(due.amount))));
      await screenshot(page, 'payment-01-fees-due');

      // To the gateway: the sandbox bank's page, for the same amount.
      await panel.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
      await page.waitForURL(/\/api\/payments\/sandbox-bank\/pay\?/);
      assert.match(await page.locator('body').innerText(), new RegExp(escape(dong(due.amount))));
      await screenshot(page, 'payment-02-sandbox-bank');
      await page.getByRole('button', { name: 'Xác nhận thanh toán' }).click();

      // Back on his dossier: the outcome said plainly, the fee recorded, the dossier moving on.
      await page.waitForURL((url) => url.pathname === `/portal/ho-so/${submitted.id}`);
      await page.getByText('Thanh toán thành công.').waitFor();
      await page.locator('.meta').getByText('Đang giải quyết').waitFor();
      assert.equal(await page.getByRole('region', { name: 'Nộp phí, lệ phí' }).count(), 0, 'nothing left to pay');
      assert.equal(new URL(page.url()).searchParams.get('thanh-toan'), null, 'the outcome is not shown again on a reload');
      await screenshot(page, 'payment-03-paid');
    });
    await context.close();

    const after = await api.dossier('citizen1', submitted.id);
    assert.equal(after.status, 'processing');
    assert.deepEqual(after.feePayments.map((p) => [p.amount, p.method]).sort(), due.fees.map((f) => [f.amount, 'online']).sort());
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
