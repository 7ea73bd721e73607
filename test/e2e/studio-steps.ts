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

/** Selects a shape of the BPMN modeler by its element id, so that the properties panel shows it. */
export async function select(page: Page, elementId: string): Promise<void> {
  const selected = page.locator(`.djs-element.selected[data-element-id="${elementId}"]`).first();
  // A canvas just shown again may still be settling its size: click until the selection shows.
  for (let attempt = 1; ; attempt += 1) {
    await page.locator(`.djs-shape[data-element-id="${elementId}"] .djs-hit`).first().click();
    try {
      return await selected.waitFor({ timeout: 3000 });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
