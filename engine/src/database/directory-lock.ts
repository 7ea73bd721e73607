import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DirectoryLock {
  release(): void;
}

export class DirectoryLockedError extends Error {}

/** Locks this process holds: a file naming our own PID is stale unless it is one of these (PID 1 in containers). */
const heldHere = new Set<string>();

/**
 * An exclusive, PID-stamped lock file. A lock left by a killed process is taken over when its PID
 * is gone, so a restart after SIGKILL needs no manual clean-up (mtime-based locks would refuse it).
 */
export function acquireDirectoryLock(directory: string): DirectoryLock {
  const path = join(directory, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(path);
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      const ownedByLiveProcess = owner === process.pid ? heldHere.has(path) : owner > 0 && isAlive(owner);
      if (ownedByLiveProcess) {
        throw new DirectoryLockedError(
          `The data directory ${directory} is in use by process ${owner}. ` +
            'Only one platform process may use an embedded database; stop it, or use a PostgreSQL server (DATABASE_URL) to run several.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DirectoryLockedError(`Could not lock the data directory ${directory}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
