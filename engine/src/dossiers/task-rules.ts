import type { AuthenticatedUser } from '../auth/current-user.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { UserTask } from '../workflow/workflow-engine.port.js';
import { holdingAgency } from './competent-agency.js';

/**
 * An officer handles a task offered to one of his roles (candidate groups are platform roles) when
 * his agency holds it: the competent agency, or for a reception step the centre that received the dossier.
 */
export function canHandleTask(
  user: AuthenticatedUser,
  dossier: { agencyCode: string; receivingAgencyCode: string | null },
  task: Pick<UserTask, 'candidateGroups'>,
): boolean {
  return (
    AccessPolicy.isOfficer(user) &&
    !!user.agencyCode &&
    task.candidateGroups.some((group) => (user.roles as readonly string[]).includes(group) && holdingAgency(dossier, group) === user.agencyCode)
  );
}

/**
 * Field keys of the shipped apology form (phiếu xin lỗi và hẹn lại): completing a step with them
 * records the new appointment and the unit the delay is attributed to.
 */
export const APOLOGY_FIELDS = { newDueDate: 'ngayHenMoi', reason: 'lyDoQuaHan', responsibleUnit: 'donViGayQuaHan' } as const;

/** Named actions of the five steps, each a completion of the task with the contract's decision variables. */
export const TASK_ACTIONS = ['receive', 'supplement', 'refuse', 'appraise', 'approve', 'return', 'sign', 'return-result'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The decision variables an action sets, given the fields of the task's form; undefined when the step has no such decision. */
export function actionVariables(action: TaskAction, formFields: Set<string>, result?: string): Record<string, unknown> | undefined {
  const atReception = formFields.has('receptionDecision');
  const atAppraisal = formFields.has('appraisalResult');
  switch (action) {
    case 'receive':
      return atReception ? { receptionDecision: 'receive' } : undefined;
    case 'supplement':
      return atReception ? { receptionDecision: 'supplement' } : atAppraisal ? { appraisalResult: 'supplement' } : undefined;
    case 'refuse':
      return atReception ? { receptionDecision: 'refuse' } : atAppraisal ? { appraisalResult: 'refuse' } : undefined;
    case 'appraise':
      return atAppraisal ? { appraisalResult: result ?? 'meets' } : undefined;
    case 'approve':
      return formFields.has('approvalDecision') ? { approvalDecision: 'approve' } : undefined;
    case 'return':
      return formFields.has('approvalDecision') ? { approvalDecision: 'return' } : undefined;
    case 'sign':
    case 'return-result':
      return atReception || atAppraisal || formFields.has('approvalDecision') ? undefined : {};
  }
}
