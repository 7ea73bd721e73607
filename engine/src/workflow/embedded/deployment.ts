import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '../../database/database.js';
import { WorkflowError, type DeployResource, type Deployment } from '../workflow-engine.port.js';
import type { CommandRunner } from './command-runner.js';
import { evaluationTime } from './feel/evaluate.js';
import { allDuplicates, parseDmnResource, refuseDuplicateDecisions, storeDecisions, type ParsedDmnResource } from './deploy-decisions.js';
import { compileBpmn } from './model/compile.js';
import type { ProcessDefinitionModel } from './model/definition.js';
import { scheduleTimer } from './runtime/timer-spec.js';
import { wfDeployments, wfMessageSubscriptions, wfProcessDefinitions, wfTimers } from './workflow.schema.js';

export async function deploy(runner: CommandRunner, resources: DeployResource[]): Promise<Deployment> {
  if (resources.length === 0) throw new WorkflowError('INVALID_ARGUMENT', 'A deployment needs at least one resource');
  const compiled: { resource: DeployResource; xml: string; checksum: string; processes: ProcessDefinitionModel[] }[] = [];
  const dmn: ParsedDmnResource[] = [];
  for (const resource of resources) {
    const isDmn = resource.name.endsWith('.dmn');
    if (!isDmn && !resource.name.endsWith('.bpmn') && !resource.name.endsWith('.xml')) {
      throw new WorkflowError('INVALID_ARGUMENT', `${resource.name}: only BPMN (.bpmn) and DMN (.dmn) resources can be deployed`);
    }
    const xml = typeof resource.content === 'string' ? resource.content : resource.content.toString('utf8');
    const checksum = createHash('sha256').update(xml).digest('hex');
    if (isDmn) dmn.push(await parseDmnResource(resource.name, xml, checksum));
    else compiled.push({ resource, xml, checksum, processes: (await compileBpmn(resource.name, xml)).processes });
  }
  refuseDuplicateDecisions(dmn);
  const ids = compiled.flatMap((c) => c.processes.map((p) => p.id));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new WorkflowError('INVALID_ARGUMENT', `Process '${duplicate}' is defined twice in this deployment`);

  return runner.transaction(async (tx) => {
    // Versions are numbered per process id: deployments are serialised across processes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('wf:deploy'))`);
    const now = runner.clock.now();
    const deploymentKey = await runner.keys.take(tx);
    await tx.insert(wfDeployments).values({ key: deploymentKey, createdAt: now });
    // As Zeebe since 8.6 (camunda/camunda#19859): unchanged resources keep their versions only when
    // the whole deployment is unchanged; otherwise every resource gets a new version in this
    // deployment, so that binding type 'deployment' finds its partners.
    const latestProcesses = new Map<string, typeof wfProcessDefinitions.$inferSelect | undefined>();
    for (const { processes: models } of compiled) {
      for (const model of models) {
        const [latest] = await tx
          .select()
          .from(wfProcessDefinitions)
          .where(eq(wfProcessDefinitions.bpmnProcessId, model.id))
          .orderBy(desc(wfProcessDefinitions.version))
          .limit(1);
        latestProcesses.set(model.id, latest);
      }
    }
    const unchangedProcesses = compiled.every(({ resource, checksum, processes: models }) =>
      models.every((model) => {
        const latest = latestProcesses.get(model.id);
        return latest !== undefined && latest.checksum === checksum && latest.resourceName === resource.name;
      }),
    );
    const unchanged = unchangedProcesses && (await allDuplicates(tx, dmn));
    const decisions = [];
    const decisionRequirements = [];
    for (const resource of dmn) {
      const stored = await storeDecisions(runner, tx, deploymentKey, resource, now, unchanged);
      decisionRequirements.push(stored.requirements);
      decisions.push(...stored.decisions);
    }
    const processes = [];
    for (const { resource, xml, checksum, processes: models } of compiled) {
      for (const model of models) {
        const latest = latestProcesses.get(model.id);
        if (unchanged && latest) {
          processes.push(deployed(latest.key, model.id, latest.version, resource.name));
          continue;
        }
        const key = await runner.keys.take(tx);
        const version = (latest?.version ?? 0) + 1;
        await tx.insert(wfProcessDefinitions).values({
          key,
          bpmnProcessId: model.id,
          version,
          resourceName: resource.name,
          checksum,
          deploymentKey,
          xml,
          definition: model,
          createdAt: now,
        });
        await replaceStartEvents(runner, tx, key, model, now);
        processes.push(deployed(key, model.id, version, resource.name));
      }
    }
    return { deploymentKey: String(deploymentKey), processes, decisions, decisionRequirements };
  });
}

function deployed(key: number, id: string, version: number, resourceName: string) {
  return { processDefinitionKey: String(key), processDefinitionId: id, processDefinitionVersion: version, resourceName };
}

/** Only the latest version of a process listens to its message and timer start events (as in Zeebe). */
async function replaceStartEvents(runner: CommandRunner, tx: Transaction, key: number, model: ProcessDefinitionModel, now: Date) {
  await tx
    .delete(wfMessageSubscriptions)
    .where(and(eq(wfMessageSubscriptions.bpmnProcessId, model.id), isNull(wfMessageSubscriptions.elementInstanceKey)));
  await tx.delete(wfTimers).where(
    and(
      isNull(wfTimers.elementInstanceKey),
      inArray(
        wfTimers.processDefinitionKey,
        tx.select({ key: wfProcessDefinitions.key }).from(wfProcessDefinitions).where(eq(wfProcessDefinitions.bpmnProcessId, model.id)),
      ),
    ),
  );
  for (const start of model.messageStartEvents) {
    await tx.insert(wfMessageSubscriptions).values({
      key: await runner.keys.take(tx),
      messageName: start.messageName,
      correlationKey: null,
      elementId: start.elementId,
      processDefinitionKey: key,
      bpmnProcessId: model.id,
    });
  }
  for (const start of model.timerStartEvents) {
    let schedule;
    try {
      schedule = scheduleTimer(start.timer, { [evaluationTime]: now }, now);
    } catch (error) {
      throw new WorkflowError('INVALID_MODEL', `Timer start event '${start.elementId}': ${(error as Error).message}`);
    }
    await tx.insert(wfTimers).values({
      key: await runner.keys.take(tx),
      dueDate: schedule.dueDate,
      elementId: start.elementId,
      processDefinitionKey: key,
      repetitions: schedule.repetitions,
      interval: schedule.interval ?? null,
    });
  }
}
