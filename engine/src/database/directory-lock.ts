import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DirectoryLock {
  release(): Promise<void>;
}

export class DirectoryLockedError extends Error {}

/** Exit code the `flock` command gives when another process holds the lock. */
const CONFLICT = 75;

/**
 * An exclusive flock(2) on `<directory>/.lock`, held by a `flock` child process (util-linux) that
 * lives as long as we do: it waits on a pipe from us and exits when we end it or die in any way.
 * The kernel keeps such a lock on the file itself, so it also excludes a process of another PID
 * namespace (a second container on the same volume) and settles two processes starting together;
 * a lock whose holder was killed is free again without any clean-up. The file names the holder's
 * PID for the refusal message only.
 */
export async function acquireDirectoryLock(directory: string): Promise<DirectoryLock> {
  const path = join(directory, '.lock');
  closeSync(openSync(path, 'a'));
  // A holder killed a moment ago leaves its `flock` child to notice the closed pipe and exit: a
  // platform restarted at once after a crash waits for that instead of refusing to start.
  const until = Date.now() + DEAD_HOLDER_GRACE_MS;
  for (;;) {
    try {
      return await tryLock(directory, path);
    } catch (error) {
      if (!(error instanceof DirectoryLockedError) || Date.now() >= until || isAlive(recordedHolder(path))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** How long a lock whose recorded holder is gone may take to be released. */
const DEAD_HOLDER_GRACE_MS = 10_000;

function recordedHolder(path: string): number | undefined {
  const pid = Number(readFileSync(path, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a process of that PID exists here (one of another PID namespace does not: it is waited for, then refused). */
function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryLock(directory: string, path: string): Promise<DirectoryLock> {
  const holder = spawn(
    'flock',
    ['--exclusive', '--nonblock', '--conflict-exit-code', String(CONFLICT), path, 'sh', '-c', 'echo held; exec cat >/dev/null'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const outcome = await held(holder);
  if (outcome === 'spawn-failed') {
    throw new Error('The embedded database needs the flock command (util-linux) to lock its data directory.');
  }
  if (outcome !== 'held') {
    const owner = readFileSync(path, 'utf8').trim();
    throw new DirectoryLockedError(
      `The data directory ${directory} is in use by process ${owner || '(unknown)'}. ` +
        'Only one platform process may use an embedded database; stop it, or use a PostgreSQL server (DATABASE_URL) to run several.',
    );
  }
  writeFileSync(path, String(process.pid));
  // The holder must not keep the event loop alive: it ends with us anyway.
  holder.unref();
  for (const stream of [holder.stdin, holder.stdout, holder.stderr]) (stream as unknown as { unref(): void }).unref();
  const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
  // Ending the pipe of a holder that is already gone must not throw.
  holder.stdin.on('error', () => undefined);
  let released: Promise<void> | undefined;
  return {
    release() {
      // Referenced again, or an otherwise idle process would not wait for the holder to exit.
      released ??= (holder.ref(), holder.stdin.end(), exited);
      return released;
    },
  };
}

/** Resolves once `flock` says it holds the lock, or with why it does not. */
function held(holder: ChildProcessWithoutNullStreams): Promise<'held' | 'conflict' | 'spawn-failed'> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    holder.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.startsWith('held\n')) resolve('held');
    });
    holder.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    holder.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve('spawn-failed') : reject(error)));
    holder.once('exit', (code) => {
      if (code === CONFLICT) resolve('conflict');
      else reject(new Error(`flock could not lock the data directory (exit ${code}): ${err.trim()}`));
    });
  });
}
