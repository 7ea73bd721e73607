import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { FilesService } from '../files/files.service.js';
import { demoAccount } from '../identity/demo-accounts.js';
import { SHIPPED_PROCEDURES_ROOT, seedShippedProcedures } from '../procedures/procedure-seeder.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { localDay } from './dossier-code.js';
import type { DossierRecord } from './dossier.schema.js';
import { DEMO_DOSSIERS, stepVariables, type DemoDossier, type DemoFee } from './demo-dossiers.js';
import { DossierActionsService } from './dossier-actions.service.js';
import { DossierStatus } from './dossier-status.js';
import { DossiersRepository } from './dossiers.repository.js';
import { SubmissionService } from './submission.service.js';
import { TasksService } from './tasks.service.js';

/** A scanned page stands in for every attachment of a demo dossier. */
const DEMO_PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
/**
 * How long a demo step waits for the service tasks before it (documents, notifications): on a busy
 * machine rendering the documents alone can take minutes, and the wait ends at shutdown anyway.
 */
const STEP_WAIT_MS = 600_000;

/**
 * With SEED_DEMO_DATA, submits the demo dossiers (demo-dossiers.ts) through the submission
 * service, as their citizens would, during start-up; then, in the background, has the demo
 * officers complete the steps that bring each to the point it shows. Submissions carry an
 * Idempotency-Key, so a restart finds them instead of submitting again.
 */
@Injectable()
export class DemoDossiersSeeder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Dossiers');
  private background?: Promise<void>;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    private readonly procedures: ProceduresService,
    private readonly submissions: SubmissionService,
    private readonly tasks: TasksService,
    private readonly files: FilesService,
    private readonly actions: DossierActionsService,
    private readonly dossiers: DossiersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA || !this.config.SEED_DEMO_DOSSIERS) return;
    // Start-up hooks run in an order Nest chooses: publish the shipped procedures here if not yet done (idempotent).
    if (!(await this.allPublished())) await seedShippedProcedures(this.procedures, SHIPPED_PROCEDURES_ROOT, this.logger);
    const created: { demo: DemoDossier; dossier: DossierRecord }[] = [];
    for (const demo of DEMO_DOSSIERS) {
      try {
        const result = await this.submit(demo);
        if (result.created) created.push({ demo, dossier: result.dossier });
      } catch (error) {
        this.logger.error(`Demo dossier ${demo.key} (${demo.procedure}) was not submitted: ${(error as Error).message}`);
      }
    }
    if (created.length === 0) return;
    this.logger.log(`Submitted ${created.length} demo dossiers; officers' demo steps continue in the background`);
    this.background = Promise.all(created.map(({ demo, dossier }) => this.advance(demo, dossier))).then(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.background;
  }

  private async allPublished(): Promise<boolean> {
    const slugs = [...new Set(DEMO_DOSSIERS.map((d) => d.procedure))];
    const published = await Promise.all(slugs.map((slug) => this.procedures.resolveForNewDossier(slug).then(() => true, () => false)));
    return published.every(Boolean);
  }

  private async submit(demo: DemoDossier) {
    const citizen = user(demo.citizen);
    const procedure = await this.procedures.resolveForNewDossier(demo.procedure);
    const attachments = [];
    for (const document of procedure.catalogue.requiredDocuments.filter((d) => d.mandatory)) {
      const file = await this.files.upload(citizen, { fileName: `${document.name.slice(0, 40)}.pdf`, content: DEMO_PDF });
      attachments.push({ document: document.name, fileId: file.id });
    }
    return this.submissions.submit(citizen, { procedure: demo.procedure, ...(demo.agency ? { agency: demo.agency } : {}), application: demo.application, attachments, channel: 'online', idempotencyKey: demo.key });
  }

  /** Completes the demo steps in order, each once the engine has reached it. */
  private async advance(demo: DemoDossier, dossier: DossierRecord): Promise<void> {
    try {
      for (const step of demo.steps) {
        const task = await this.waitForTask(dossier.processInstanceKey!, step.elementId);
        if (!task) return;
        const variables = stepVariables(step, localDay(this.clock.now(), this.config.CALENDAR_UTC_OFFSET_MINUTES));
        await this.tasks.complete(user(step.username), task, variables, undefined, step.signingPin);
        if (step.elementId === 'Task_TiepNhan' && demo.feeAtReceipt) await this.payAtCounter(dossier.id, demo.feeAtReceipt);
      }
    } catch (error) {
      if (!this.stopping) this.logger.error(`Demo dossier ${dossier.code}: ${(error as Error).message}`);
    }
  }

  /** Once the model asks for the fee, the reception officer records it paid in cash. */
  private async payAtCounter(dossierId: string, fee: DemoFee): Promise<void> {
    const deadline = Date.now() + STEP_WAIT_MS;
    while (!this.stopping && (await this.dossiers.findById(dossierId))?.status !== DossierStatus.WaitingForFee) {
      if (Date.now() >= deadline) throw new Error(`the fee ${fee.feeCode} was not asked within ${STEP_WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (this.stopping) return;
    await this.actions.recordCashPayment(user(fee.username), dossierId, { amount: fee.amount, feeCode: fee.feeCode, receiptNumber: fee.receiptNumber });
  }

  private async waitForTask(processInstanceKey: string, elementId: string): Promise<string | undefined> {
    const deadline = Date.now() + STEP_WAIT_MS;
    while (!this.stopping && Date.now() < deadline) {
      const [task] = await this.engine.searchUserTasks({ processInstanceKey, elementId, state: 'CREATED' });
      if (task) return task.userTaskKey;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!this.stopping) throw new Error(`step ${elementId} was not reached within ${STEP_WAIT_MS / 1000} s`);
    return undefined;
  }
}

/** The demo account as the API would see it after login. */
function user(username: string): AuthenticatedUser {
  const account = demoAccount(username);
  return {
    id: account.id,
    username: account.username,
    name: account.displayName,
    email: account.email,
    roles: account.roles,
    ...(account.agencyCode ? { agencyCode: account.agencyCode } : {}),
    ...(account.citizenId ? { citizenId: account.citizenId } : {}),
  };
}
