import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DossierRecord } from '../../src/dossiers/dossier.schema.js';
import { DossierJournalRepository } from '../../src/dossiers/dossier-journal.repository.js';
import { DossierStatus } from '../../src/dossiers/dossier-status.js';
import { DEMO_ACCOUNTS } from '../../src/identity/demo-accounts.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { insertDossier } from '../payments/fixtures.js';
import type { Schemas } from '../support/api-types.js';

const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
/** The land dossiers are the first land certificate's, filed with the commune where the land lies (Nghị định 151/2025/NĐ-CP, Điều 5 khoản 1). */
const LAND_COMMUNE = 'UBND-XA-BC';

type Row = Schemas['RatingSummaryRowDto'];

/**
 * Finished dossiers are written through the dossiers repository with their control sheet (who
 * handled which step): driving each one through every step of its procedure would test the
 * lifecycle, not the ratings.
 */
describe('ratings of finished dossiers', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  const tokens: Record<string, string> = {};
  let land: { a: DossierRecord; b: DossierRecord; running: DossierRecord; other: DossierRecord };
  let birth: DossierRecord;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site);
    const client = await webClient(platform.issuer);
    for (const name of ['citizen1', 'citizen2', 'supervisor', 'leader.baichay', 'specialist.baichay']) {
      if (DEMO_ACCOUNTS.some((a) => a.username === name)) tokens[name] = await passwordLogin(client, name);
    }
    const c1 = account('citizen1').id;
    const c2 = account('citizen2').id;
    land = {
      a: await insertDossier(platform.app, { applicantUserId: c1, agencyCode: LAND_COMMUNE }, DossierStatus.Returned),
      b: await insertDossier(platform.app, { applicantUserId: c1, agencyCode: LAND_COMMUNE }, DossierStatus.Done),
      running: await insertDossier(platform.app, { applicantUserId: c1, agencyCode: LAND_COMMUNE }, DossierStatus.Processing),
      other: await insertDossier(platform.app, { applicantUserId: c2, agencyCode: LAND_COMMUNE }, DossierStatus.Returned),
    };
    birth = await insertDossier(platform.app, { applicantUserId: c2, procedureSlug: 'dang-ky-khai-sinh' }, DossierStatus.Returned);
    const reception = account('reception.baichay');
    const specialist = account('specialist.baichay');
    const journal = platform.app.get(DossierJournalRepository);
    let key = 0;
    const handled = async (dossier: DossierRecord, officer: { id: string; displayName: string }) => {
      key += 1;
      const at = new Date('2030-01-07T02:00:00Z');
      await journal.insertControlEntry({
        dossierId: dossier.id,
        userTaskKey: `test-task-${key}`,
        elementId: `step${key}`,
        unitAgencyCode: dossier.agencyCode,
        handedOverAt: at,
        receiverId: officer.id,
        receiverName: officer.displayName,
        completedAt: at,
        outcome: 'completed',
        onTime: true,
        lateMinutes: 0,
      });
    };
    // The reception officer handled A twice (reception and result): he still counts once for A.
    await handled(land.a, reception);
    await handled(land.a, specialist);
    await handled(land.a, reception);
    await handled(land.b, reception);
    await handled(land.other, specialist);
  });

  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  const rate = (token: string, id: string, body: unknown) =>
    api(platform.baseUrl, `/api/dossiers/${id}/rating`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const summary = async (token: string, query: string) => {
    const response = await api(platform.baseUrl, `/api/ratings/summary?${query}`, token);
    return { status: response.status, body: (await response.json()) as { agencyCode: string | null; rows: Row[] } };
  };

  it('the applicant rates a finished dossier once; others and unfinished dossiers are refused', async () => {
    const first = await rate(tokens.citizen1, land.a.id, { score: 5, comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.' });
    assert.equal(first.status, 201);
    assert.equal(((await first.json()) as { comment: string }).comment, 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.');
    assert.equal((await rate(tokens.citizen1, land.a.id, { score: 1 })).status, 409);
    assert.equal((await rate(tokens.citizen1, land.running.id, { score: 4 })).status, 409);
    assert.equal((await rate(tokens.citizen2, land.a.id, { score: 1 })).status, 404);
    const invalid = await rate(tokens.citizen1, land.b.id, { score: 6 });
    assert.equal(invalid.status, 400);
    assert.match(JSON.stringify(await invalid.json()), /score/);
    assert.equal((await rate(tokens.citizen1, land.b.id, { score: 2, comment: 'Phải đi lại nhiều lần.' })).status, 201);
    assert.equal((await rate(tokens.citizen2, land.other.id, { score: 4 })).status, 201);
    assert.equal((await rate(tokens.citizen2, birth.id, { score: 3 })).status, 201);

    // The agency's officers read the rating; another citizen does not see the dossier.
    const seen = await api(platform.baseUrl, `/api/dossiers/${land.a.id}/rating`, tokens['specialist.baichay']);
    assert.equal(((await seen.json()) as { score: number }).score, 5);
    assert.equal((await api(platform.baseUrl, `/api/dossiers/${land.a.id}/rating`, tokens.citizen2)).status, 404);
    assert.equal((await api(platform.baseUrl, `/api/dossiers/${land.running.id}/rating`, tokens.citizen1)).status, 404);
  });

  it('aggregates per agency, procedure and officer for supervisors, and per own agency for leaders', async () => {
    const byAgency = await summary(tokens.supervisor, 'by=agency');
    assert.equal(byAgency.status, 200);
    assert.deepEqual(
      byAgency.body.rows.map((r) => [r.key, r.count, r.average, r.satisfied, r.satisfactionRate, r.distribution]),
      [
        [birth.agencyCode, 1, 3, 0, 0, [0, 0, 1, 0, 0]],
        [LAND_COMMUNE, 3, 3.67, 2, 66.67, [0, 1, 0, 1, 1]],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const byProcedure = await summary(tokens.supervisor, 'by=procedure');
    assert.deepEqual(
      byProcedure.body.rows.map((r) => [r.key, r.count]).sort(),
      [
        [birth.procedureCode, 1],
        [land.a.procedureCode, 3],
      ].sort(),
    );
    const byOfficer = await summary(tokens.supervisor, 'by=officer');
    const reception = account('reception.baichay').id;
    const specialist = account('specialist.baichay').id;
    assert.deepEqual(
      byOfficer.body.rows.map((r) => [r.key, r.count, r.average]).sort(),
      [
        [reception, 2, 3.5],
        [specialist, 2, 4.5],
      ].sort(),
    );

    const leader = await summary(tokens['leader.baichay'], 'by=agency');
    assert.equal(leader.body.agencyCode, LAND_COMMUNE);
    assert.deepEqual(leader.body.rows.map((r) => r.key), [LAND_COMMUNE]);
    assert.equal((await summary(tokens['leader.baichay'], `by=agency&agencyCode=${birth.agencyCode}`)).status, 403);
    assert.equal((await summary(tokens['specialist.baichay'], 'by=agency')).status, 403);
    assert.equal((await summary(tokens.supervisor, 'by=district')).status, 400);
    // A period after every rating has none.
    assert.deepEqual((await summary(tokens.supervisor, 'by=agency&from=2999-01-01T00:00:00Z')).body.rows, []);
  });
});
