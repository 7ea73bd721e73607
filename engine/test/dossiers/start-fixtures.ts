import { waitFor } from './support.js';
import type { Transaction } from '../../src/database/database.js';
import type { DossierRecord } from '../../src/dossiers/dossier.schema.js';
import { DossierStatus } from '../../src/dossiers/dossier-status.js';
import type { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import type { JoinedTransaction, WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { bpmn, flow } from '../support/workflow.js';

const userTask = (id: string, group: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>`;

/** Version 1 of a small procedure: reception, then appraisal. */
export const PERMIT_V1 = bpmn(
  'permit',
  `<bpmn:startEvent id="start" />${userTask('receive', 'reception')}${userTask('appraise', 'specialist')}<bpmn:endEvent id="end" />
   ${flow('f1', 'start', 'receive')}${flow('f2', 'receive', 'appraise')}${flow('f3', 'appraise', 'end')}`,
);

/** Version 2 adds a leader's approval after the appraisal. */
export const PERMIT_V2 = bpmn(
  'permit',
  `<bpmn:startEvent id="start" />${userTask('receive', 'reception')}${userTask('appraise', 'specialist')}${userTask('approve', 'leader')}<bpmn:endEvent id="end" />
   ${flow('f1', 'start', 'receive')}${flow('f2', 'receive', 'appraise')}${flow('f3', 'appraise', 'approve')}${flow('f4', 'approve', 'end')}`,
);

/** A dossier row as the submission writes it, before its process starts. */
export function pendingDossier(dossiers: DossiersRepository, db: Parameters<DossiersRepository['insert']>[1], code: string, extra: Partial<DossierRecord> = {}): Promise<DossierRecord> {
  const now = new Date();
  return dossiers.insert(
    {
      code,
      procedureCode: 'PERMIT',
      procedureSlug: 'permit',
      procedureVersion: 1,
      agencyCode: 'SXD',
      applicantName: 'Nguyễn Văn An',
      status: DossierStatus.New,
      startState: 'pending',
      createdAt: now,
      updatedAt: now,
      ...extra,
    },
    db,
  );
}

/** The adapter as Zeebe presents it: same commands, but none that join a database transaction. */
export function withoutTransactions(engine: WorkflowEngine): WorkflowEngine {
  return Object.create(engine, { joinTransaction: { value: undefined } }) as WorkflowEngine;
}

/** The engine whose instance creation fails `times` times (in a joined transaction or not), then works. */
export function failingStarts(engine: WorkflowEngine, times: number, message = 'Máy chủ quy trình không phản hồi'): WorkflowEngine & { failures(): number } {
  let failed = 0;
  const fail = () => {
    if (failed < times) {
      failed++;
      throw new Error(message);
    }
  };
  return Object.create(engine, {
    failures: { value: () => failed },
    createProcessInstance: { value: async (request: Parameters<WorkflowEngine['createProcessInstance']>[0]) => (fail(), engine.createProcessInstance(request)) },
    joinTransaction: engine.joinTransaction
      ? {
          value: (tx: Transaction): JoinedTransaction => {
            const joined = engine.joinTransaction!(tx);
            return { ...joined, commands: { ...joined.commands, createProcessInstance: async (request) => (fail(), joined.commands.createProcessInstance(request)) } };
          },
        }
      : { value: undefined },
  }) as WorkflowEngine & { failures(): number };
}

/** Resolves once `check` holds, polling; fails after `ms` (the dossier tests' waitFor). */
export function eventually<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  return waitFor('the condition', check as () => Promise<T | undefined>, ms);
}
