import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../../database/database.js';
import { WorkflowError, type Incident } from '../workflow-engine.port.js';
import { parseKey } from './arguments.js';
import type { CommandRunner } from './command-runner.js';
import { resolveElementIncident } from './runtime/behaviors/transitions.js';
import { wfIncidents, wfJobs } from './workflow.schema.js';

export async function searchIncidents(db: Database, filter: { processInstanceKey?: string; state?: Incident['state'] }): Promise<Incident[]> {
  const where: SQL[] = [];
  if (filter.processInstanceKey) where.push(eq(wfIncidents.processInstanceKey, parseKey(filter.processInstanceKey, 'process instance')));
  if (filter.state) where.push(eq(wfIncidents.state, filter.state));
  const rows = await db.select().from(wfIncidents).where(and(...where)).orderBy(asc(wfIncidents.key));
  return rows.map((r) => ({
    incidentKey: String(r.key),
    processInstanceKey: String(r.processInstanceKey),
    elementId: r.elementId,
    elementInstanceKey: String(r.elementInstanceKey),
    ...(r.jobKey !== null ? { jobKey: String(r.jobKey) } : {}),
    errorType: r.errorType,
    errorMessage: r.errorMessage,
    state: r.state,
    creationTime: r.creationTime.toISOString(),
  }));
}

export async function resolveIncident(runner: CommandRunner, incidentKey: string): Promise<void> {
  const key = parseKey(incidentKey, 'incident');
  const [first] = await runner.db.select().from(wfIncidents).where(eq(wfIncidents.key, key));
  if (!first) throw new WorkflowError('NOT_FOUND', `Incident ${incidentKey} not found`);
  await runner.onTree(
    first.rootKey,
    async (execution, tx) => {
      const [incident] = await tx.select().from(wfIncidents).where(eq(wfIncidents.key, key));
      if (incident.state !== 'ACTIVE') throw new WorkflowError('INVALID_STATE', `Incident ${incidentKey} is already resolved`);
      const element = execution.tree.elements.get(incident.elementInstanceKey);
      if (!element) throw new WorkflowError('INVALID_STATE', `Incident ${incidentKey} belongs to an element that is no longer active`);
      if (incident.jobKey !== null) {
        const [job] = await tx.select().from(wfJobs).where(eq(wfJobs.key, incident.jobKey));
        if (job && job.retries <= 0) {
          throw new WorkflowError(
            'INVALID_STATE',
            `Cannot resolve incident ${incidentKey}: job ${job.key} has no retries left; update its retries first`,
          );
        }
        if (job) execution.effects.jobUpdates.push({ key: job.key, state: 'ACTIVATABLE', availableAt: execution.now });
        if (job) execution.effects.jobTypes.add(job.type);
      }
      await resolveElementIncident(execution, element, key, incident.jobKey !== null);
    },
    () => new WorkflowError('INVALID_STATE', `Incident ${incidentKey} belongs to a process instance that is no longer active`),
  );
}
