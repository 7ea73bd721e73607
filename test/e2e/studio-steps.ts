import type { Page } from 'playwright-core';

/**
 * Publishes the saved draft from the "Kiểm tra và xuất bản" tab: the studio asks for confirmation
 * and a version note before anything is published.
 */
export async function publishWithNote(page: Page, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Xuất bản phiên bản mới' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xuất bản phiên bản mới?' });
  await dialog.getByLabel('Ghi chú phiên bản (lý do, nội dung thay đổi)').fill(note);
  await dialog.getByRole('button', { name: 'Xác nhận xuất bản' }).click();
}
