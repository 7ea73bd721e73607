/**
 * Throughput of the dossier documents: the shipped receipt template rendered to PDF by the
 * platform's Chromium, signed twice in turn (the leader's approval, then the agency's seal) with
 * Vietnamese-named development certificates, and verified from the signatures, as the result of
 * every dossier is.
 *
 *   npm run bench:documents                                # from the repository root (builds first)
 *   BENCH_DOCUMENTS=200 BENCH_PAGES=1,2,4 npm run bench:documents
 *
 * Each stage is timed on its own (render; sign twice; verify), then the whole chain with as many
 * documents in flight as the page pool has pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TEMPLATES_DIR, DocumentRenderer } from '@mot-cua/engine/documents/document-renderer.js';
import { DevelopmentCertificateAuthority } from '@mot-cua/engine/signing/development-ca.js';
import { PdfSigner, type SignOptions } from '@mot-cua/engine/signing/pdf-signer.js';
import { TrustStore } from '@mot-cua/engine/signing/trust-store.js';
import { verifyPdf } from '@mot-cua/engine/verification/signature-verifier.js';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100);
const PAGE_POOLS = (process.env.BENCH_PAGES ?? '1,2').split(',').map(Number);

const LEADER: SignOptions = {
  agencyCode: 'UBND-XA-HH',
  agencyName: 'Ủy ban nhân dân phường Hồng Hà',
  signerName: 'Phạm Văn Nam',
  role: 'leader',
  reason: 'Phê duyệt kết quả giải quyết hồ sơ',
  location: 'Hạ Long, Quảng Ninh',
};
const CLERK: SignOptions = { ...LEADER, signerName: 'Hồ Thị Oanh', role: 'clerk', reason: 'Đóng dấu cơ quan' };

const data = (i: number) => ({
  agency: { parentName: 'Ủy ban nhân dân thành phố Hạ Long', name: 'Ủy ban nhân dân phường Hồng Hà' },
  document: { number: `${i}/TN`, place: 'Hạ Long', date: { day: '23', month: '11', year: '2026' } },
  applicant: { fullName: 'Nguyễn Thị Thủy', address: 'tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh' },
  dossier: { code: `UBND-XA-HH-261123-${String(i).padStart(4, '0')}`, procedureName: 'Đăng ký khai sinh' },
});

/** Runs `work` for documents 0..n-1 with `concurrency` in flight; returns documents per second. */
async function throughput(n: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-documents-bench-'));
  const ca = new DevelopmentCertificateAuthority(join(dir, 'pki'));
  await ca.start();
  const signer = new PdfSigner(ca);
  const trust = await TrustStore.load(ca);
  console.log(`documents benchmark: ${DOCUMENTS} documents per stage; ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()[0].toFixed(2)}`);
  console.log('| page pool | rendered PDFs/s | signed twice/s | verified/s | render + sign twice + verify, PDFs/s | PDF size |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  try {
    for (const pages of PAGE_POOLS) {
      const renderer = new DocumentRenderer({ workDir: join(dir, `renderer-${pages}`), pages, templatesDir: DEFAULT_TEMPLATES_DIR, utcOffsetMinutes: 420 });
      const template = { bundle: 'common', name: 'giay-tiep-nhan-hen-tra' };
      try {
        const sample = await renderer.render(template, data(0)); // starts the browser outside the timings
        const signedSample = await signer.sign(await signer.sign(sample, LEADER), CLERK);
        const check = verifyPdf(signedSample, trust);
        if (!check.valid) throw new Error(`the sample does not verify: ${JSON.stringify(check)}`);
        const render = await throughput(DOCUMENTS, pages, (i) => renderer.render(template, data(i)));
        const sign = await throughput(DOCUMENTS, 1, async () => signer.sign(await signer.sign(sample, LEADER), CLERK));
        const verify = await throughput(DOCUMENTS, 1, async () => verifyPdf(signedSample, trust));
        const chain = await throughput(DOCUMENTS, pages, async (i) => {
          const signed = await signer.sign(await signer.sign(await renderer.render(template, data(i)), LEADER), CLERK);
          if (!verifyPdf(signed, trust).valid) throw new Error(`document ${i} does not verify`);
        });
        const size = `${(signedSample.length / 1024).toFixed(0)} KiB`;
        console.log(`| ${pages} | ${render.toFixed(1)} | ${sign.toFixed(1)} | ${verify.toFixed(1)} | ${chain.toFixed(1)} | ${size} |`);
      } finally {
        await renderer.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
