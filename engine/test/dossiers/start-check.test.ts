import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { backendName } from '../support/database.js';
import { CASES } from './fixtures.js';
import { DossierPlatform, waitFor } from './support.js';

interface StartView {
  startState: string;
  startAttempts: number;
  startLastError: string | null;
  processInstanceKey: string | null;
}

/**
 * The running platform's periodic check (PROCESS_START_CHECK_SECONDS) starts a dossier whose first
 * attempt failed without a crash: no restart is needed, and the dossier reaches the reception worklist.
 */
describe(`pending starts on the running platform (${backendName})`, () => {
  let p: DossierPlatform;
  before(async () => {
    p = await DossierPlatform.start({ PROCESS_START_CHECK_SECONDS: '1' });
  });
  after(async () => {
    await p?.close();
  });

  test('a dossier whose first start failed is started by the periodic check and handed to reception', async () => {
    const c = CASES['dang-ky-khai-sinh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const dossiers = p.platform.app.get(DossiersRepository);
    const original = (await dossiers.findById(submitted.id))!;
    // A second dossier as a submission leaves it when its start attempt failed (the engine was unreachable).
    const { id: _id, code: _code, processInstanceKey: _key, ...rest } = original;
    const failed = await dossiers.insert(
      {
        ...rest,
        code: `${original.code}-R`,
        idempotencyKey: null,
        startState: 'pending',
        startAttempts: 1,
        startLastError: 'connect ECONNREFUSED',
        startNextAttemptAt: new Date(),
      },
      p.platform.app.get<Database>(DATABASE),
    );

    const started = await waitFor('the periodic check to start the dossier', async () => {
      const view = await p.call<StartView>('supervisor', `/api/dossiers/${failed.id}`);
      return view.startState === 'started' ? view : undefined;
    });
    assert.deepEqual([started.startAttempts, started.startLastError], [2, null]);
    assert.ok(started.processInstanceKey);
    await p.task(`reception.${c.staff}`, failed.id, 'Task_TiepNhan');
  });
});
