/**
 * Throughput of the dossier documents: the shipped receipt template rendered to PDF by the
 * platform's Chromium, signed twice in turn (the leader's approval, then the agency's seal) with
 * Vietnamese-named development certificates, and verified from the signatures, as the result of
 * every dossier is.
 *
 *   npm run bench:documents                                # from the repository root (builds first)
 *   BENCH_DOCUMENTS=200 BENCH_PAGES=1,2,4 BENCH_REPEAT=3 npm run bench:documents
 *
 * Each stage is timed on its own (render; sign twice; verify), then the whole chain with as many
 * documents in flight as the page pool has pages. Rendering is measured against its floor: the
 * same Chromium printing the same HTML through puppeteer-core alone, in rounds that alternate with
 * the platform's rendering, CPU counted for Node and every Chromium process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { resolveChromiumExecutable } from '@mot-cua/engine/documents/chromium-binary.js';
import { DEFAULT_TEMPLATES_DIR, DocumentRenderer } from '@mot-cua/engine/documents/document-renderer.js';
import { writeFontConfig } from '@mot-cua/engine/documents/font-config.js';
import { DevelopmentCertificateAuthority } from '@mot-cua/engine/signing/development-ca.js';
import { PdfSigner, type SignOptions } from '@mot-cua/engine/signing/pdf-signer.js';
import { TrustStore } from '@mot-cua/engine/signing/trust-store.js';
import { verifyPdf } from '@mot-cua/engine/verification/signature-verifier.js';
import { PlainChromium } from './plain-chromium.js';
import { startCpuClock } from './process-tree-cpu.js';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100);
const PAGE_POOLS = (process.env.BENCH_PAGES ?? '1,2').split(',').map(Number);
/** Rounds of rendering against the floor: the machine is shared, so one round alone says little. */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);

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

/** Runs `work` for documents 0..n-1 with `concurrency` in flight (`slot` says which); returns documents per second. */
async function throughput(n: number, concurrency: number, work: (i: number, slot: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, slot) => {
      while (next < n) await work(next++, slot);
    }),
  );
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

interface Rendering {
  perSecond: number;
  /** CPU ms per PDF of Node and of every Chromium process. */
  cpuMs: number;
  nodeMs: number;
  chromiumMs: number;
}

async function measureRendering(n: number, concurrency: number, work: (i: number, slot: number) => Promise<unknown>): Promise<Rendering> {
  const stop = startCpuClock();
  const perSecond = await throughput(n, concurrency, work);
  const { nodeMs, childrenMs } = stop();
  return { perSecond, cpuMs: (nodeMs + childrenMs) / n, nodeMs: nodeMs / n, chromiumMs: childrenMs / n };
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
  const floorRows: string[] = [];
  try {
    for (const pages of PAGE_POOLS) {
      const workDir = join(dir, `renderer-${pages}`);
      const renderer = new DocumentRenderer({ workDir, pages, templatesDir: DEFAULT_TEMPLATES_DIR, utcOffsetMinutes: 420 });
      const template = { bundle: 'common', name: 'giay-tiep-nhan-hen-tra' };
      let plain: PlainChromium | undefined;
      try {
        const sample = await renderer.render(template, data(0)); // starts the browser outside the timings
        const signedSample = await signer.sign(await signer.sign(sample, LEADER), CLERK);
        const check = verifyPdf(signedSample, trust);
        if (!check.valid) throw new Error(`the sample does not verify: ${JSON.stringify(check)}`);

        // The floor prints what the renderer would print, with the binary and fonts the renderer unpacked.
        const html = await Promise.all(Array.from({ length: DOCUMENTS }, (_, i) => renderer.html(template, data(i))));
        const executable = await resolveChromiumExecutable({ cacheDir: workDir });
        plain = await PlainChromium.launch(executable, await writeFontConfig(join(workDir, 'fonts')), pages);
        const plainSample = await plain.print(0, html[0]);
        const rounds: Array<{ ours: Rendering; floor: Rendering }> = [];
        for (let round = 1; round <= REPEAT; round++) {
          const ours = await measureRendering(DOCUMENTS, pages, (i) => renderer.render(template, data(i)));
          const floor = await measureRendering(DOCUMENTS, pages, (i, slot) => plain!.print(slot, html[i]));
          rounds.push({ ours, floor });
          const cpu = (r: Rendering) => `${r.cpuMs.toFixed(1)} (${r.nodeMs.toFixed(1)} + ${r.chromiumMs.toFixed(1)})`;
          floorRows.push(
            `| ${pages} | ${round} | ${ours.perSecond.toFixed(1)} | ${cpu(ours)} | ${floor.perSecond.toFixed(1)} | ${cpu(floor)} | ${(ours.cpuMs / floor.cpuMs).toFixed(2)} | ${(sample.length / 1024).toFixed(0)} / ${(plainSample.length / 1024).toFixed(0)} KiB | ${loadavg()[0].toFixed(1)} |`,
          );
        }

        const render = rounds.reduce((sum, r) => sum + r.ours.perSecond, 0) / rounds.length;
        const sign = await throughput(DOCUMENTS, 1, async () => signer.sign(await signer.sign(sample, LEADER), CLERK));
        const verify = await throughput(DOCUMENTS, 1, async () => verifyPdf(signedSample, trust));
        const chain = await throughput(DOCUMENTS, pages, async (i) => {
          const signed = await signer.sign(await signer.sign(await renderer.render(template, data(i)), LEADER), CLERK);
          if (!verifyPdf(signed, trust).valid) throw new Error(`document ${i} does not verify`);
        });
        const size = `${(signedSample.length / 1024).toFixed(0)} KiB`;
        console.log(`| ${pages} | ${render.toFixed(1)} | ${sign.toFixed(1)} | ${verify.toFixed(1)} | ${chain.toFixed(1)} | ${size} |`);
      } finally {
        await plain?.close();
        await renderer.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nRendering against plain Chromium printing the same HTML, ${REPEAT} alternating rounds (CPU: Node and every Chromium process, per PDF):`);
  console.log('| page pool | round | ours PDFs/s | ours CPU ms/PDF (Node + Chromium) | floor PDFs/s | floor CPU ms/PDF (Node + Chromium) | ours ÷ floor (CPU) | PDF ours / floor | load avg |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const row of floorRows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
