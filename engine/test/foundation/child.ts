import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServerDatabase, dropServerDatabase, serverUrl } from '../support/database.js';

/** Root of the engine workspace, from the compiled file in engine/dist/test/foundation. */
export const engineRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
export const repositoryRoot = resolve(engineRoot, '..');
/** The production start command's script, as the container runs it. */
export const mainScript = resolve(engineRoot, 'dist/src/main.js');

export interface Child {
  readonly process: ChildProcess;
  /** Everything written so far, for assertions and for failure messages. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** SIGKILL to the process and everything it started (its PDF renderer's Chromium), as a crash of the machine would. */
  crash(): void;
}

/** Starts a Node.js script with exactly the given environment (plus PATH), as a supervisor would. */
export function startNode(script: string, env: Record<string, string>, cwd = repositoryRoot): Child {
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a crash takes its Chromium with it instead of leaving it behind.
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | NodeJS.Signals);
  const crash = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return { process: child, stdout: () => out, stderr: () => err, exited, crash };
}

/** A port that was free a moment ago; the platform is started on it as in production (no port 0). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Polls a URL until it answers 200, failing with the child's output if it ends or time runs out (a fresh embedded database on a busy 2-core machine takes over a minute). */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void child.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(
    `${url} did not become ready (${ended ? 'process ended' : 'timed out'}).\nstdout:\n${child.stdout()}\nstderr:\n${child.stderr()}`,
  );
}

/** Ends a child that a failed assertion left running. */
export function stop(child: Child): void {
  if (child.process.exitCode === null && child.process.signalCode === null) child.crash();
}

export interface ChildDatabase {
  /** DATABASE_URL (server run) or DATA_DIR (embedded run) for the child's environment. */
  readonly env: Record<string, string>;
  readonly dataDir: string;
  readonly url?: string;
  dispose(): Promise<void>;
}

/**
 * An empty database for a child process on the backend of this run: a new database on the server
 * when TEST_DATABASE_URL is set, otherwise a new PGlite data directory. The child migrates it.
 */
export async function childDatabase(): Promise<ChildDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-child-'));
  const adminUrl = serverUrl;
  if (!adminUrl) {
    return { env: { DATA_DIR: dataDir }, dataDir, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = await createServerDatabase(adminUrl);
  return {
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    dataDir,
    url,
    dispose: async () => {
      await dropServerDatabase(adminUrl, url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
