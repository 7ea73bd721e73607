import { Inject, Injectable, Logger } from '@nestjs/common';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { WORKFLOW_ENGINE, WorkflowError, type MappingInstruction, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { DossiersRepository } from './dossiers.repository.js';

export interface VersionMove {
  processInstanceKeys: string[];
  sourceProcessDefinitionKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
  /** The procedure version the dossiers run on once their instances moved. */
  toVersion: number;
}

export interface VersionMoveResult {
  /** Every instance of the plan when it succeeded, none when it was refused. */
  migrated: string[];
  refused: { processInstanceKey: string; reason: string }[];
}

/** Thrown inside the transaction to undo every move already made in it. */
class MoveRefused extends Error {
  constructor(readonly refused: VersionMoveResult['refused']) {
    super('migration refused');
  }
}

/**
 * Moves running dossiers and their process instances to another procedure version, all or nothing,
 * as Zeebe's process instance migration does for one instance (docs.camunda.io, "Process instance
 * migration", Internal Execution: it migrates all active elements or nothing), here for the whole plan.
 * With the embedded engine the instances and the dossier rows move in one database transaction.
 * With Zeebe, instances already moved are moved back when a later one is refused.
 */
@Injectable()
export class InstanceMigration {
  private readonly logger = new Logger('Migration');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    private readonly dossiers: DossiersRepository,
  ) {}

  async moveAll(move: VersionMove): Promise<VersionMoveResult> {
    if (move.processInstanceKeys.length === 0) return { migrated: [], refused: [] };
    return this.engine.joinTransaction ? this.moveInTransaction(move) : this.moveWithCompensation(move);
  }

  private async moveInTransaction(move: VersionMove): Promise<VersionMoveResult> {
    let afterCommit: (() => Promise<void>) | undefined;
    try {
      await this.db.transaction(async (tx) => {
        const joined = this.engine.joinTransaction!(tx);
        const refused: VersionMoveResult['refused'] = [];
        // Every instance is tried, so the refusal lists all the reasons, not only the first.
        for (const processInstanceKey of move.processInstanceKeys) {
          try {
            await joined.commands.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: move.targetProcessDefinitionKey, mappingInstructions: move.mappingInstructions });
          } catch (error) {
            if (!(error instanceof WorkflowError)) throw error;
            refused.push({ processInstanceKey, reason: error.message });
          }
        }
        if (refused.length > 0) throw new MoveRefused(refused);
        await this.dossiers.moveToVersion(move.processInstanceKeys, move.toVersion, tx);
        afterCommit = joined.afterCommit;
      });
    } catch (error) {
      if (error instanceof MoveRefused) return { migrated: [], refused: error.refused };
      throw error;
    }
    await afterCommit?.();
    return { migrated: move.processInstanceKeys, refused: [] };
  }

  private async moveWithCompensation(move: VersionMove): Promise<VersionMoveResult> {
    const moved: string[] = [];
    for (const processInstanceKey of move.processInstanceKeys) {
      try {
        await this.engine.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: move.targetProcessDefinitionKey, mappingInstructions: move.mappingInstructions });
        moved.push(processInstanceKey);
      } catch (error) {
        await this.moveBack(moved, move);
        if (!(error instanceof WorkflowError)) throw error;
        return { migrated: [], refused: [{ processInstanceKey, reason: error.message }] };
      }
    }
    await this.db.transaction((tx) => this.dossiers.moveToVersion(moved, move.toVersion, tx));
    return { migrated: moved, refused: [] };
  }

  /** Undoes the moves already made; an instance that cannot go back keeps its dossier in step with it. */
  private async moveBack(moved: string[], move: VersionMove): Promise<void> {
    const reverse = move.mappingInstructions.map((m) => ({ sourceElementId: m.targetElementId, targetElementId: m.sourceElementId }));
    const stranded: string[] = [];
    for (const processInstanceKey of moved) {
      try {
        await this.engine.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: move.sourceProcessDefinitionKey, mappingInstructions: reverse });
      } catch (error) {
        stranded.push(processInstanceKey);
        this.logger.error(`Instance ${processInstanceKey} could not be moved back to its former version: ${(error as Error).message}`);
      }
    }
    if (stranded.length > 0) await this.db.transaction((tx) => this.dossiers.moveToVersion(stranded, move.toVersion, tx));
  }
}
