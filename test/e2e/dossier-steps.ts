import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '@mot-cua/engine/identity/demo-accounts.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENSHOTS, signIn } from './browser-platform.js';

/** A small, valid one-page PDF with the given line of text (hand-built so its cross-reference offsets are exact). */
export function samplePdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A form-js field by its component id (form-js prefixes ids with the form instance's id). */
export function field(page: Page, id: string) {
  return page.locator(`[id$="-${id}"]`);
}

/** Picks an option of a form-js select (a searchable drop-down, not a native select). */
export async function pickOption(page: Page, id: string, label: string): Promise<void> {
  // The select shows a display box; its value lives in a hidden input that carries the id.
  await page.locator('.fjs-form-field-select', { has: field(page, id) }).locator('.fjs-input-group').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: label }).first().click();
  await page.locator('.fjs-form-field-select', { has: field(page, id) }).locator('.fjs-select-display', { hasText: label }).waitFor();
}

/** Types a date into a form-js date field (dd/mm/yyyy, as its placeholder says). */
export async function fillDate(page: Page, id: string, ddmmyyyy: string): Promise<void> {
  const input = field(page, `${id}-date`);
  await input.fill(ddmmyyyy);
  await input.press('Enter');
  await input.press('Escape');
  const parts = (text: string) => text.split('/').map(Number);
  assert.deepEqual(parts(await input.inputValue()), parts(ddmmyyyy), `the date field ${id} took the date`);
}

/** The birth-registration application form (tờ khai đăng ký khai sinh) with a plausible applicant. */
export async function fillBirthApplication(page: Page, applicant: { name: string; idNumber: string }): Promise<void> {
  await field(page, 'Field_nguoiYeuCauHoTen').fill(applicant.name);
  await field(page, 'Field_nguoiYeuCauSoDinhDanh').fill(applicant.idNumber);
  await field(page, 'Field_nguoiYeuCauNoiCuTru').fill('Số 12 phố Cao Thắng, phường Hồng Hà, tỉnh Quảng Ninh');
  await pickOption(page, 'Field_quanHe', 'Cha');
  await field(page, 'Field_hoTen').fill('Nguyễn Minh Khôi');
  await fillDate(page, 'Field_ngaySinh', '02/11/2026');
  await page.getByLabel('Nam', { exact: true }).check();
  await field(page, 'Field_noiSinh').fill('Bệnh viện Sản Nhi Quảng Ninh');
  await field(page, 'Field_queQuan').fill('Phường Hồng Hà, tỉnh Quảng Ninh');
  await field(page, 'Field_meHoTen').fill('Lê Thị Hương');
  await field(page, 'Field_meSoDinhDanh').fill('022195001122');
  await field(page, 'Field_meNamSinh').fill('1995');
  await field(page, 'Field_meDanToc').fill('Kinh');
  await field(page, 'Field_meNoiCuTru').fill('Số 12 phố Cao Thắng, phường Hồng Hà, tỉnh Quảng Ninh');
  await field(page, 'Field_camDoan').check();
}

/** Uploads a file for one entry of the required-documents list and waits for its progress bar to finish. */
export async function uploadFor(page: Page, document: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const item = page.locator(`li[data-document="${document}"]`);
  await item.locator('input[type=file]').setInputFiles(file);
  await item.getByText('Đã tải lên').waitFor();
}

export async function signedInPage(browser: Browser, baseUrl: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  return { context, page };
}

/**
 * Opens the officer's step of the dossier from the worklist; the step appears once the process
 * (and its service-task workers) reached it, so the list is refreshed until it does.
 */
export async function openStep(page: Page, baseUrl: string, code: string, attempts = 30): Promise<void> {
  await page.goto(`${baseUrl}/worklist`);
  const row = page.locator('tr', { hasText: code });
  for (let i = 0; i < attempts; i += 1) {
    await page.locator('main h1').waitFor();
    if (await row.count()) break;
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Làm mới' }).click();
  }
  await row.getByRole('link', { name: `Xử lý ${code}` }).click();
  await page.locator('.task-form .fjs-container').waitFor();
}

/**
 * Waits until the dossier's diagram (bpmn-js) marks each element: `diagram-active` where the token
 * is, `diagram-completed` where it has passed.
 */
export async function diagramMarks(page: Page, marks: { active: string[]; completed: string[] }): Promise<void> {
  const element = (id: string, marker: string) => page.locator(`[data-testid="process-diagram"] g.djs-element.${marker}[data-element-id="${id}"]`);
  for (const id of marks.active) await element(id, 'diagram-active').waitFor();
  for (const id of marks.completed) await element(id, 'diagram-completed').waitFor();
}

/**
 * In the open modeler, drops the platform's "notify the applicant" element template onto the first
 * sequence flow (start event → reception), from the palette's create menu, and names it and its
 * message template in the properties panel.
 */
export async function insertNotificationStep(page: Page, name: string): Promise<void> {
  const flow = await page.locator('[data-element-id="Flow_01"]').boundingBox();
  assert.ok(flow, 'the first sequence flow is drawn');
  await page.locator('.djs-palette [data-action="create"]').click();
  await page.locator('.djs-popup-search input').fill('Thông báo cho người nộp');
  await page.locator('.djs-popup-results .entry', { hasText: 'Thông báo cho người nộp hồ sơ' }).first().click();
  await page.mouse.move(flow.x + flow.width / 2 - 5, flow.y + flow.height / 2);
  await page.mouse.move(flow.x + flow.width / 2, flow.y + flow.height / 2);
  await page.mouse.click(flow.x + flow.width / 2, flow.y + flow.height / 2);
  const panel = page.locator('.bio-properties-panel');
  await panel.locator('.bio-properties-panel-header-type', { hasText: /Thông báo cho người nộp hồ sơ/ }).waitFor();
  const nameField = panel.getByLabel('Tên', { exact: true });
  if (!(await nameField.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).first().click();
  await nameField.fill(name);
  const templateField = panel.getByLabel('Mẫu thông báo');
  if (!(await templateField.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: 'Thông báo' }).first().click();
  await templateField.fill('thong-bao-tiep-nhan');
}

/** Completes the open step and waits for the worklist's confirmation. */
export async function completeStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hoàn thành và chuyển bước' }).click();
  await page.getByText(/^Đã hoàn thành bước/).waitFor();
}

/** On a failure, a screenshot of every open page, to see what the browser showed. */
export async function screenshotsOnFailure(browser: Browser, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    let i = 0;
    for (const context of browser.contexts()) {
      for (const page of context.pages()) await page.screenshot({ path: join(SCREENSHOTS, `failure-${name}-${(i += 1)}.png`), fullPage: true }).catch(() => undefined);
    }
    throw error;
  }
}

/** An access token from the built-in provider's password grant (enabled outside production). */
export async function token(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/realms/mot-cua/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'mot-cua-web', username, password: DEMO_PASSWORD, scope: 'openid profile email' }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { access_token: string }).access_token;
}
