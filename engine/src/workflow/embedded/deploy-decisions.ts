import { desc, eq } from 'drizzle-orm';
import type { Transaction } from '../../database/database.js';
import { WorkflowError, type DeployedDecision, type DeployedDecisionRequirements } from '../workflow-engine.port.js';
import type { CommandRunner } from './command-runner.js';
import type { DecisionRequirementsModel } from './dmn/model.js';
import { DmnParseError, parseDmn } from './dmn/parse.js';
import { wfDecisionRequirements, wfDecisions } from './workflow.schema.js';

export interface ParsedDmnResource {
  resourceName: string;
  xml: string;
  checksum: string;
  graph: DecisionRequirementsModel;
}

export async function parseDmnResource(resourceName: string, xml: string, checksum: string): Promise<ParsedDmnResource> {
  try {
    return { resourceName, xml, checksum, graph: await parseDmn(resourceName, xml) };
  } catch (error) {
    if (error instanceof DmnParseError) throw new WorkflowError('INVALID_MODEL', error.message);
    throw error;
  }
}

/** As Zeebe: a decision id (and a DRG id) appears once per deployment. */
export function refuseDuplicateDecisions(resources: ParsedDmnResource[]): void {
  const seen = new Map<string, string>();
  for (const { resourceName, graph } of resources) {
    for (const id of [`drg:${graph.id}`, ...graph.decisions.map((d) => d.id)]) {
      const other = seen.get(id);
      if (other !== undefined) {
        const what = id.startsWith('drg:') ? `decision requirements ids to be unique within a deployment but found a duplicated id '${id.slice(4)}'` : `decision ids to be unique within a deployment but found a duplicated id '${id}'`;
        throw new WorkflowError('INVALID_ARGUMENT', `Expected the ${what} in the resources '${other}' and '${resourceName}'`);
      }
      seen.set(id, resourceName);
    }
  }
}

async function latestRequirements(tx: Transaction, decisionRequirementsId: string) {
  const [latest] = await tx
    .select()
    .from(wfDecisionRequirements)
    .where(eq(wfDecisionRequirements.decisionRequirementsId, decisionRequirementsId))
    .orderBy(desc(wfDecisionRequirements.version))
    .limit(1);
  return latest;
}

/** Whether every DMN resource is deployed already, unchanged and under the same name. */
export async function allDuplicates(tx: Transaction, resources: ParsedDmnResource[]): Promise<boolean> {
  for (const resource of resources) {
    const latest = await latestRequirements(tx, resource.graph.id);
    if (!latest || latest.checksum !== resource.checksum || latest.resourceName !== resource.resourceName) return false;
  }
  return true;
}

/**
 * Stores one DMN resource. As in Zeebe, the graph is versioned per DRG id and each decision per
 * decision id; in an unchanged deployment (`unchanged`) the deployed versions and keys are kept.
 */
export async function storeDecisions(
  runner: CommandRunner,
  tx: Transaction,
  deploymentKey: number,
  resource: ParsedDmnResource,
  now: Date,
  unchanged: boolean,
): Promise<{ requirements: DeployedDecisionRequirements; decisions: DeployedDecision[] }> {
  const { graph } = resource;
  const latest = await latestRequirements(tx, graph.id);
  if (unchanged && latest) {
    const rows = await tx.select().from(wfDecisions).where(eq(wfDecisions.decisionRequirementsKey, latest.key));
    return { requirements: requirementsOf(latest), decisions: rows.map(decisionOf) };
  }
  const key = await runner.keys.take(tx);
  const row = {
    key,
    decisionRequirementsId: graph.id,
    name: graph.name,
    version: (latest?.version ?? 0) + 1,
    resourceName: resource.resourceName,
    checksum: resource.checksum,
    deploymentKey,
    xml: resource.xml,
    definition: graph,
    createdAt: now,
  };
  await tx.insert(wfDecisionRequirements).values(row);
  const decisions: DeployedDecision[] = [];
  for (const decision of graph.decisions) {
    const [previous] = await tx
      .select({ version: wfDecisions.version })
      .from(wfDecisions)
      .where(eq(wfDecisions.decisionId, decision.id))
      .orderBy(desc(wfDecisions.version))
      .limit(1);
    const stored = {
      key: await runner.keys.take(tx),
      decisionId: decision.id,
      name: decision.name,
      version: (previous?.version ?? 0) + 1,
      decisionRequirementsKey: key,
      decisionRequirementsId: graph.id,
      deploymentKey,
      versionTag: decision.versionTag ?? null,
      createdAt: now,
    };
    await tx.insert(wfDecisions).values(stored);
    decisions.push(decisionOf(stored));
  }
  return { requirements: requirementsOf(row), decisions };
}

function requirementsOf(row: { key: number; decisionRequirementsId: string; name: string; version: number; resourceName: string }): DeployedDecisionRequirements {
  return {
    decisionRequirementsKey: String(row.key),
    decisionRequirementsId: row.decisionRequirementsId,
    decisionRequirementsName: row.name,
    version: row.version,
    resourceName: row.resourceName,
  };
}

function decisionOf(row: typeof wfDecisions.$inferSelect): DeployedDecision {
  return {
    decisionDefinitionKey: String(row.key),
    decisionDefinitionId: row.decisionId,
    name: row.name,
    version: row.version,
    decisionRequirementsId: row.decisionRequirementsId,
    decisionRequirementsKey: String(row.decisionRequirementsKey),
  };
}
