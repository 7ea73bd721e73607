import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccessPolicy } from '../../src/auth/access-policy.js';
import type { AuthenticatedUser } from '../../src/auth/current-user.js';
import { Role } from '../../src/auth/roles.js';

const user = (roles: Role[], agencyCode?: string, id = 'u1'): AuthenticatedUser => ({ id, username: id, roles, agencyCode });
const dossier = { agencyCode: 'SXD', applicantUserId: 'citizen-a' };

describe('AccessPolicy', () => {
  test('citizens: own dossiers only', () => {
    assert.equal(AccessPolicy.canReadDossier(user([Role.Citizen], undefined, 'citizen-a'), dossier), true);
    assert.equal(AccessPolicy.canReadDossier(user([Role.Citizen], undefined, 'citizen-b'), dossier), false);
  });

  test('officers: their agency only; an officer without an agency sees nothing', () => {
    for (const role of [Role.Reception, Role.Specialist, Role.Leader, Role.Clerk]) {
      assert.equal(AccessPolicy.canReadDossier(user([role], 'SXD'), dossier), true, role);
      assert.equal(AccessPolicy.canReadDossier(user([role], 'STNMT'), dossier), false, role);
      assert.equal(AccessPolicy.canReadDossier(user([role]), dossier), false, role);
    }
  });

  test('supervisors read everything; analysts and administrators no dossiers', () => {
    assert.deepEqual(AccessPolicy.dossierVisibility(user([Role.Supervisor])), { kind: 'all' });
    assert.deepEqual(AccessPolicy.dossierVisibility(user([Role.Analyst], 'SXD')), { kind: 'none' });
    assert.deepEqual(AccessPolicy.dossierVisibility(user([Role.Admin])), { kind: 'none' });
  });

  test('procedures are managed by analysts and administrators', () => {
    assert.equal(AccessPolicy.canManageProcedures(user([Role.Analyst], 'SXD')), true);
    assert.equal(AccessPolicy.canManageProcedures(user([Role.Admin])), true);
    assert.equal(AccessPolicy.canManageProcedures(user([Role.Leader], 'SXD')), false);
    assert.equal(AccessPolicy.canManageProcedures(user([Role.Citizen])), false);
  });

  test('statistics: supervisors for every agency, a leader for his own', () => {
    assert.equal(AccessPolicy.canReadStatistics(user([Role.Supervisor])), true);
    assert.equal(AccessPolicy.canReadStatistics(user([Role.Leader], 'SXD'), 'SXD'), true);
    assert.equal(AccessPolicy.canReadStatistics(user([Role.Leader], 'SXD'), 'STNMT'), false);
    assert.equal(AccessPolicy.canReadStatistics(user([Role.Specialist], 'SXD'), 'SXD'), false);
  });

  test('an officer who also applies as a citizen sees his agency’s dossiers and his own', () => {
    const both = user([Role.Citizen, Role.Reception], 'STNMT', 'citizen-a');
    assert.deepEqual(AccessPolicy.dossierVisibility(both), { kind: 'scoped', agencyCode: 'STNMT', receivingAgencyCode: 'STNMT', applicantUserId: 'citizen-a' });
    assert.equal(AccessPolicy.canReadDossier(both, dossier), true);
    assert.equal(AccessPolicy.canReadDossier(both, { agencyCode: 'SXD', applicantUserId: 'citizen-b' }), false);
  });

  test('a dossier received at another centre: its reception officers read it, its other officers do not', () => {
    // Decree 118/2025/NĐ-CP: any centre of the province receives (article to verify, docs/legal-basis.md);
    // the receiving centre prints the receipt and returns the result, the competent agency handles it.
    const received = { agencyCode: 'UBND-XA-BC', receivingAgencyCode: 'TTPVHCC', applicantUserId: null };
    assert.equal(AccessPolicy.canReadDossier(user([Role.Reception], 'TTPVHCC'), received), true);
    assert.equal(AccessPolicy.canReadDossier(user([Role.Specialist], 'TTPVHCC'), received), false);
    assert.equal(AccessPolicy.canReadDossier(user([Role.Specialist], 'UBND-XA-BC'), received), true);
    assert.equal(AccessPolicy.canReadDossier(user([Role.Reception], 'UBND-XA-HH'), received), false);
  });
});
