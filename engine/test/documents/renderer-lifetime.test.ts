import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { waitFor } from '../dossiers/support.js';

const fixture = fileURLToPath(new URL('./fixtures/render-then-wait.js', import.meta.url));

/** Processes whose command line names the folder (Chromium's profile and TMPDIR live under it). */
function processesUsing(folder: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(folder)) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

describe('PDF renderer lifetime', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'mot-cua-renderer-'));
  after(() => rmSync(workDir, { recursive: true, force: true }));

  // A platform killed with SIGKILL (out of memory, a crashed container runtime) runs no shutdown
  // hook: its Chromium must not stay behind holding memory and the profile folder.
  it('ends Chromium when the process that started it is killed', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const child = spawn(process.execPath, [fixture, workDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    await waitFor('the first document rendered', async () => output.includes('rendered') || child.exitCode !== null);
    assert.equal(child.exitCode, null, 'the renderer process is running');
    const browsers = processesUsing(workDir).filter((pid) => pid !== child.pid);
    assert.ok(browsers.length > 0, 'Chromium runs with its profile in the work folder');

    child.kill('SIGKILL');
    await once(child, 'exit');
    await waitFor('Chromium to end after its parent', async () => processesUsing(workDir).length === 0, 60_000);
  });
});
