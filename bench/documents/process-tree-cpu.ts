import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** user + system ticks of every descendant of `root` (not `root` itself), read from /proc. */
function descendantTicks(root: number): Map<number, number> {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // After the command name (in parentheses, may hold spaces): state, ppid, …, utime (14), stime (15),
      // cutime (16), cstime (17). The children's times count the helpers a process has already reaped.
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // A process that ended while the folder was read.
    }
  }
  const result = new Map<number, number>();
  const isDescendant = (pid: number): boolean => {
    for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) if (parent === root) return true;
    return false;
  };
  for (const [pid, t] of ticks) if (isDescendant(pid)) result.set(pid, t);
  return result;
}

/**
 * CPU milliseconds used by this process and by the processes it started (Chromium's browser,
 * renderer and GPU processes) from now until the returned function is called.
 */
export function startCpuClock(): () => { nodeMs: number; childrenMs: number } {
  const node = process.cpuUsage();
  const before = descendantTicks(process.pid);
  return () => {
    const { user, system } = process.cpuUsage(node);
    let ticks = 0;
    for (const [pid, t] of descendantTicks(process.pid)) ticks += t - (before.get(pid) ?? 0);
    return { nodeMs: (user + system) / 1e3, childrenMs: (ticks * 1000) / TICKS_PER_SECOND };
  };
}
