import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../database/database.js';
import { literal } from '../../../database/sql-literal.js';
import type { ProcessDefinitionModel } from '../model/definition.js';
import { wfProcessDefinitions } from '../workflow.schema.js';

export interface LoadedDefinition {
  key: number;
  bpmnProcessId: string;
  version: number;
  deploymentKey: number;
  model: ProcessDefinitionModel;
}

/** Process definitions never change once deployed, so they are cached by key for the life of the engine. */
export class DefinitionCache {
  private readonly byKey = new Map<number, LoadedDefinition>();

  cached(key: number): LoadedDefinition {
    const definition = this.byKey.get(key);
    if (!definition) throw new Error(`process definition ${key} was not loaded`);
    return definition;
  }

  async get(db: Executor, key: number): Promise<LoadedDefinition | undefined> {
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const [row] = await db.select().from(wfProcessDefinitions).where(eq(wfProcessDefinitions.key, key));
    return row ? this.remember(row) : undefined;
  }

  /** The latest version (or a given one) of a BPMN process id; read from the database, as another process may deploy. */
  async find(db: Executor, bpmnProcessId: string, version?: number): Promise<LoadedDefinition | undefined> {
    const [row] = await db
      .select({ key: wfProcessDefinitions.key })
      .from(wfProcessDefinitions)
      .where(
        version === undefined
          ? eq(wfProcessDefinitions.bpmnProcessId, bpmnProcessId)
          : and(eq(wfProcessDefinitions.bpmnProcessId, bpmnProcessId), eq(wfProcessDefinitions.version, version)),
      )
      .orderBy(desc(wfProcessDefinitions.version))
      .limit(1);
    return row ? this.get(db, row.key) : undefined;
  }

  /** The statement of `find` (as text: every instance start sends it), for a caller that sends it itself; its row has the key. */
  static findStatement(bpmnProcessId: string, version?: number): SQL {
    const ofVersion = version === undefined ? '' : ` and version = ${literal(version)}`;
    return sql.raw(
      `select key from wf_process_definitions where bpmn_process_id = ${literal(bpmnProcessId)}${ofVersion} order by version desc limit 1`,
    );
  }

  /** The version of a process deployed together with another definition (call activity binding 'deployment'). */
  async findInDeployment(db: Executor, bpmnProcessId: string, deploymentKey: number): Promise<LoadedDefinition | undefined> {
    const [row] = await db
      .select({ key: wfProcessDefinitions.key })
      .from(wfProcessDefinitions)
      .where(and(eq(wfProcessDefinitions.bpmnProcessId, bpmnProcessId), eq(wfProcessDefinitions.deploymentKey, deploymentKey)))
      .limit(1);
    return row ? this.get(db, row.key) : undefined;
  }

  /** The latest version of a process with a version tag (call activity binding 'versionTag'). */
  async findByVersionTag(db: Executor, bpmnProcessId: string, versionTag: string): Promise<LoadedDefinition | undefined> {
    const [row] = await db
      .select({ key: wfProcessDefinitions.key })
      .from(wfProcessDefinitions)
      .where(and(eq(wfProcessDefinitions.bpmnProcessId, bpmnProcessId), sql`${wfProcessDefinitions.definition}->>'versionTag' = ${versionTag}`))
      .orderBy(desc(wfProcessDefinitions.version))
      .limit(1);
    return row ? this.get(db, row.key) : undefined;
  }

  private remember(row: typeof wfProcessDefinitions.$inferSelect): LoadedDefinition {
    const definition = {
      key: row.key,
      bpmnProcessId: row.bpmnProcessId,
      version: row.version,
      deploymentKey: row.deploymentKey,
      model: row.definition as ProcessDefinitionModel,
    };
    this.byKey.set(row.key, definition);
    return definition;
  }
}
