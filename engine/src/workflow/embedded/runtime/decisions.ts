import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../database/database.js';
import type { DecisionRequirementsModel } from '../dmn/model.js';
import { wfDecisionRequirements, wfDecisions } from '../workflow.schema.js';

export interface LoadedDecision {
  key: number;
  decisionId: string;
  name: string;
  version: number;
  deploymentKey: number;
  versionTag: string | null;
  decisionRequirementsKey: number;
  decisionRequirementsId: string;
  graph: DecisionRequirementsModel;
}

/** Deployed decisions, looked up as business rule tasks and /v2 evaluation name them; graphs never change, so they are cached by key. */
export class DecisionCache {
  private readonly graphs = new Map<number, DecisionRequirementsModel>();

  /** The latest version of a decision id. */
  latest(db: Executor, decisionId: string): Promise<LoadedDecision | undefined> {
    return this.one(db, eq(wfDecisions.decisionId, decisionId));
  }

  /** The version deployed together with a process (binding type 'deployment'). */
  inDeployment(db: Executor, decisionId: string, deploymentKey: number): Promise<LoadedDecision | undefined> {
    return this.one(db, and(eq(wfDecisions.decisionId, decisionId), eq(wfDecisions.deploymentKey, deploymentKey))!);
  }

  /** The latest version carrying a version tag (binding type 'versionTag'). */
  withVersionTag(db: Executor, decisionId: string, versionTag: string): Promise<LoadedDecision | undefined> {
    return this.one(db, and(eq(wfDecisions.decisionId, decisionId), eq(wfDecisions.versionTag, versionTag))!);
  }

  byKey(db: Executor, key: number): Promise<LoadedDecision | undefined> {
    return this.one(db, eq(wfDecisions.key, key));
  }

  private async one(db: Executor, where: SQL): Promise<LoadedDecision | undefined> {
    const [row] = await db.select().from(wfDecisions).where(where).orderBy(desc(wfDecisions.version)).limit(1);
    if (!row) return undefined;
    return { ...row, graph: await this.graph(db, row.decisionRequirementsKey) };
  }

  private async graph(db: Executor, key: number): Promise<DecisionRequirementsModel> {
    const hit = this.graphs.get(key);
    if (hit) return hit;
    const [row] = await db.select({ definition: wfDecisionRequirements.definition }).from(wfDecisionRequirements).where(eq(wfDecisionRequirements.key, key));
    if (!row) throw new Error(`decision requirements ${key} are missing`);
    const graph = row.definition as DecisionRequirementsModel;
    this.graphs.set(key, graph);
    return graph;
  }
}
