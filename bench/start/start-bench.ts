/**
 * Cold start of the platform, measured against a bare Node.js HTTP server started the same way on
 * the same machine in the same round, so that load on the shared machine shows in both and the
 * ratio stays comparable between runs.
 *
 *   npm run bench:start                                   # from the repository root (builds first)
 *   BENCH_ROUNDS=5 BENCH_MODES=bare,pglite,postgres npm run bench:start
 *
 * Modes, interleaved in every round:
 * - `bare`: `node -e` with an http server, from spawn until it answers a request;
 * - `pglite`: the platform (development settings, demo data on) on a PGlite data directory that an
 *   earlier start already created and seeded, from spawn until /health/ready answers 200;
 * - `pglite-fresh`: the same on a new, empty data directory (creation, migrations, demo data);
 * - `postgres`: the platform on a PostgreSQL database that an earlier start already seeded (created
 *   on BENCH_DATABASE_URL's server for the run and dropped afterwards).
 * For each: wall time, CPU time of the process (user + system, from /proc), ratio of wall time to
 * the bare server's in the same round, and resident memory once ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createServerDatabase, dropServerDatabase } from '@mot-cua/engine/test-support/database.js';

type Mode = 'bare' | 'pglite' | 'pglite-fresh' | 'postgres';

/** Compiled to bench/dist/start/: the repository root is three folders up. */
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const MAIN = join(ROOT, 'engine/dist/src/main.js');
const BARE = "require('http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  modes: (process.env.BENCH_MODES ?? 'bare,pglite,postgres,pglite-fresh').split(',') as Mode[],
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** Extra node flags for the platform, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where start time goes. */
  nodeFlags: (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
};

interface Sample {
  mode: Mode;
  round: number;
  wallMs: number;
  cpuMs: number;
  rssMiB: number;
  peakRssMiB: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time of a running process, from fields 14 and 15 of /proc/<pid>/stat. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident and peak resident memory (VmRSS, VmHWM) of a running process, in MiB. */
function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Polls until the URL answers 200; the poll interval is small next to the times measured. */
async function waitFor200(child: ChildProcess, url: string, output: () => string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`${url} did not answer 200 (${child.exitCode === null ? 'timed out' : 'process ended'}):\n${output()}`);
}

/** Starts one process, measures it once ready, then stops it with SIGTERM as a supervisor would. */
async function measure(mode: Mode, round: number, env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const args = mode === 'bare' ? ['-e', BARE] : [...settings.nodeFlags, MAIN];
  const url = `http://127.0.0.1:${port}${mode === 'bare' ? '/' : '/health/ready'}`;
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit');
  try {
    await waitFor200(child, url, () => output);
    const wallMs = performance.now() - started;
    const sample = { mode, round, wallMs, cpuMs: cpuMsOf(child.pid!), ...memoryOf(child.pid!) };
    child.kill('SIGTERM');
    await exited;
    return sample;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** The platform's settings for a newcomer's first run: development mode, demo accounts, procedures and dossiers. */
function platformEnv(database: { dataDir: string; url?: string }): Record<string, string> {
  return { NODE_ENV: 'development', DATA_DIR: database.dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`Load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Rounds ${settings.rounds}, modes ${settings.modes.join(', ')}${settings.nodeFlags.length ? `, node flags ${settings.nodeFlags.join(' ')}` : ''}\n`);

  const scratch = mkdtempSync(join(tmpdir(), 'mot-cua-start-bench-'));
  const pgliteDir = join(scratch, 'pglite');
  const postgresUrl = settings.modes.includes('postgres') ? await createServerDatabase(settings.databaseUrl) : undefined;
  const samples: Sample[] = [];
  try {
    // The existing data directory and database: created and seeded by one start that is not counted.
    if (settings.modes.includes('pglite')) await measure('pglite', 0, platformEnv({ dataDir: pgliteDir }));
    if (postgresUrl) await measure('postgres', 0, platformEnv({ dataDir: join(scratch, 'postgres'), url: postgresUrl }));
    for (let round = 1; round <= settings.rounds; round++) {
      for (const mode of settings.modes) {
        process.stdout.write(`round ${round} ${mode}… `);
        let sample: Sample;
        if (mode === 'bare') sample = await measure(mode, round, {});
        else if (mode === 'pglite') sample = await measure(mode, round, platformEnv({ dataDir: pgliteDir }));
        else if (mode === 'postgres') sample = await measure(mode, round, platformEnv({ dataDir: join(scratch, 'postgres'), url: postgresUrl }));
        else {
          const fresh = join(scratch, `fresh-${round}`);
          sample = await measure(mode, round, platformEnv({ dataDir: fresh }));
          rmSync(fresh, { recursive: true, force: true });
        }
        samples.push(sample);
        console.log(`${sample.wallMs.toFixed(0)} ms wall, ${sample.cpuMs.toFixed(0)} ms CPU, ${sample.rssMiB.toFixed(0)} MiB`);
      }
    }
  } finally {
    if (postgresUrl) await dropServerDatabase(settings.databaseUrl, postgresUrl);
    rmSync(scratch, { recursive: true, force: true });
  }

  const bareByRound = new Map(samples.filter((s) => s.mode === 'bare').map((s) => [s.round, s.wallMs]));
  console.log(`\nLoad average after the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('\nMedians over the rounds (ratio: wall time ÷ the bare server\'s wall time in the same round)\n');
  console.log('| Mode | Wall ms | CPU ms | Ratio to bare | RSS MiB | Peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const mode of settings.modes) {
    const of = samples.filter((s) => s.mode === mode);
    const ratios = of.map((s) => s.wallMs / (bareByRound.get(s.round) ?? NaN));
    const cells = [median(of.map((s) => s.wallMs)), median(of.map((s) => s.cpuMs)), median(ratios), median(of.map((s) => s.rssMiB)), median(of.map((s) => s.peakRssMiB))];
    console.log(`| ${mode} | ${cells[0].toFixed(0)} | ${cells[1].toFixed(0)} | ${cells[2].toFixed(1)} | ${cells[3].toFixed(0)} | ${cells[4].toFixed(0)} |`);
  }
}

await main();
