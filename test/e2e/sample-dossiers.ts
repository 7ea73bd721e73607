import { DEMO_DOSSIERS, stepVariables, type DemoDossier, type DemoStep } from '@mot-cua/engine/dossiers/demo-dossiers.js';
import { localDay } from '@mot-cua/engine/dossiers/dossier-code.js';
import { appraisal, CASES, CRITERIA, RECEIVE } from '@mot-cua/engine/test-fixtures/dossiers.js';
import type { DossierApi, DossierSummary } from './dossier-api.js';

/** The demo birth registration that goes all the way: its application and its officers' steps. */
export const BIRTH_REGISTRATION: DemoDossier = DEMO_DOSSIERS.find((d) => d.key === 'demo-dossier-02')!;

/** A demo step's form values, its `{today}` the current day in Vietnam (UTC+7), as the demo seeder fills it. */
export function stepValues(step: DemoStep): Record<string, unknown> {
  return stepVariables(step, localDay(new Date(), 7 * 60));
}

const LAND_USE = CASES['cap-gcn-quyen-su-dung-dat-lan-dau'];

/**
 * A first land-use certificate submitted online by citizen1 and taken, as the officers would, to
 * the point where the process asks for the fees: received, appraised, the tax authority's answer in.
 */
export async function landUseDossierWaitingForFee(api: DossierApi): Promise<DossierSummary> {
  const submitted = await api.submit('citizen1', LAND_USE.slug, LAND_USE.application);
  await api.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
  await api.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[LAND_USE.slug]));
  await api.answerConsultation('specialist.thue', submitted.id);
  return api.waitForStatus('citizen1', submitted.id, 'waiting_for_fee');
}
