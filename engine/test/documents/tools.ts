import type { TestContext } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The independent checkers (poppler-utils: pdfsig, pdffonts, pdftotext, pdftoppm; zbar-tools:
 * zbarimg). A test that needs one is skipped with this message when it is not installed, except
 * in CI (CI=true), which installs them: there the test runs and a missing tool fails it.
 */
export function missing(...tools: string[]): string | false {
  if (process.env.CI === 'true') return false;
  const absent = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  return absent.length ? `not installed: ${absent.join(', ')} (apt-get install poppler-utils zbar-tools)` : false;
}

/** Runs a checker on a PDF written to a temporary file; returns stdout and stderr together. */
export function runOnPdf(tool: string, args: string[], pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync(tool, [...args, file], { encoding: 'utf8' });
    if (result.error) throw result.error;
    return `${result.stdout}${result.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer): string {
  return withOutput('pdftotext', ['-enc', 'UTF-8'], pdf);
}

/** Decodes the QR codes of the first page, rendered at 150 dpi. */
export function qrCodes(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-qr-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    // 300 dpi, a printer's resolution: the 20 mm code has about 7 pixels per module there, where at
    // 150 dpi its 3.4 pixels blur into their neighbours and some codes do not decode.
    execFileSync('pdftoppm', ['-png', '-r', '300', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const page = execFileSync('sh', ['-c', `ls ${dir}/page*.png | head -1`], { encoding: 'utf8' }).trim();
    const result = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', page], { encoding: 'utf8' });
    return result.stdout.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** stdout of `tool args file -` (tools that write their result to a named output). */
function withOutput(tool: string, args: string[], pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An independent check inside a larger test: run when its tools are installed; otherwise the test is
 * reported as skipped with the reason (outside CI only, see `missing`), while its other assertions run.
 */
export function withTools(t: TestContext, tools: string[], check: () => void): void {
  const reason = missing(...tools);
  if (reason) t.skip(reason);
  else check();
}
