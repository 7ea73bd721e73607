import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WORKFLOW_ENGINE, type Variables, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { ControlSheet } from './control-sheet.service.js';
import type { DossierRecord } from './dossier.schema.js';
import { DossiersRepository } from './dossiers.repository.js';
import { ProcedureVersions } from './procedure-versions.js';

/** How far before the dossier row an instance may have been created and still be its own (clock skew between replicas). */
const ADOPTION_MARGIN_MS = 60_000;

/** The contract's start variables (docs/procedure-bundles.md). */
export function startVariables(dossier: DossierRecord): Variables {
  return {
    dossierId: dossier.id,
    dossierCode: dossier.code,
    procedureCode: dossier.procedureCode,
    agencyCode: dossier.agencyCode,
    applicant: dossier.applicant ?? { fullName: dossier.applicantName },
    application: dossier.application,
    channel: dossier.channel,
    hasFee: dossier.hasFee,
    dueDate: dossier.dueDate?.toISOString() ?? null,
    warningDate: dossier.warningDate?.toISOString() ?? null,
  };
}

/**
 * Starts a written dossier's process instance. The dossier row is committed first with
 * start_state = pending; the instance is created next and its key recorded. The workflow port
 * cannot join the database transaction (Zeebe is another system), so a crash in between leaves
 * a pending dossier: at boot each one is matched to an instance already carrying its dossierId,
 * or started then. Nothing is lost and nothing starts twice.
 */
@Injectable()
export class ProcessStarter implements OnApplicationBootstrap {
  private readonly logger = new Logger('Dossiers');

  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    private readonly dossiers: DossiersRepository,
    private readonly versions: ProcedureVersions,
    private readonly controlSheet: ControlSheet,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const recovered = await this.recoverPending();
    if (recovered > 0) this.logger.log(`Started ${recovered} dossier process(es) left pending by an interrupted submission`);
  }

  async start(dossier: DossierRecord): Promise<DossierRecord> {
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const instance = await this.engine.createProcessInstance({ ...model.mainDefinition, variables: startVariables(dossier) });
    const started = await this.dossiers.update(dossier.id, { processInstanceKey: instance.processInstanceKey, startState: 'started' });
    // The first step (reception) is handed over now, so the worklist finds it.
    await this.controlSheet.sync(started);
    return started;
  }

  /** Adopts or starts the instance of every pending dossier; returns how many were settled. */
  async recoverPending(): Promise<number> {
    let settled = 0;
    for (const dossier of await this.dossiers.pendingStarts()) {
      try {
        const existing = await this.findInstance(dossier);
        if (existing) await this.controlSheet.sync(await this.dossiers.update(dossier.id, { processInstanceKey: existing, startState: 'started' }));
        else await this.start(dossier);
        settled++;
      } catch (error) {
        this.logger.error(`Dossier ${dossier.code}: the process could not be started: ${(error as Error).message}`);
      }
    }
    return settled;
  }

  private async findInstance(dossier: DossierRecord): Promise<string | undefined> {
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const since = dossier.createdAt.getTime() - ADOPTION_MARGIN_MS;
    const candidates = (await this.engine.searchProcessInstances({ processDefinitionId: model.mainDefinition.processDefinitionId })).filter(
      (i) => Date.parse(i.startDate) >= since,
    );
    for (const instance of candidates) {
      const variables = await this.engine.getVariables(instance.processInstanceKey);
      if (variables.dossierId === dossier.id) return instance.processInstanceKey;
    }
    return undefined;
  }
}
