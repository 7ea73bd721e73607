import type { Executor } from '../database/database.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Role } from '../auth/roles.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { WORKFLOW_ENGINE, WorkflowError, type UserTask, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import type { ControlEntryRecord, DossierRecord } from './dossier.schema.js';
import { DossierStatus } from './dossier-status.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';
import { DossiersRepository } from './dossiers.repository.js';
import { parseStepDuration } from './working-time.js';
import { holdingAgency } from './competent-agency.js';
import { ControlSheetDocument } from './control-sheet-document.js';

/** Who closed a step through the API (the reconciliation closes steps nobody reported). */
export interface StepCompletion {
  userTaskKey: string;
  completedAt: Date;
  receiverId: string;
  receiverName: string;
}

/**
 * The control sheet (phiếu kiểm soát) follows the engine's user tasks: each task created is a
 * hand-over (from whoever completed the previous step, to the task's group) with a due time from
 * its `stepDuration` on the working-day calendar; each task completed or cancelled closes it, on
 * time or late, attributed to the unit that held the dossier. The engine is the source of truth;
 * reconciliation is idempotent and runs after whatever moves the engine (commands, job outcomes)
 * and in the periodic check, never on a read: the worklist is selected from these rows. The printed
 * sheet follows the rows (ControlSheetDocument).
 */
@Injectable()
export class ControlSheet {
  private readonly logger = new Logger('ControlSheet');

  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly calendar: CalendarService,
    private readonly lifecycle: DossierLifecycle,
    private readonly document: ControlSheetDocument,
  ) {}

  async sync(dossier: DossierRecord): Promise<void> {
    if (!dossier.processInstanceKey) return;
    const open = await this.engine.searchUserTasks({ processInstanceKey: dossier.processInstanceKey, state: 'CREATED' });
    const entries = await this.journal.openControlEntries(dossier.id);
    const openKeys = new Set(open.map((t) => t.userTaskKey));
    for (const entry of entries) {
      if (!openKeys.has(entry.userTaskKey)) await this.closeFromEngine(entry);
    }
    const known = new Set(entries.map((e) => e.userTaskKey));
    let handedToProcessing = false;
    for (const task of open) {
      if (known.has(task.userTaskKey)) continue;
      if (await this.recordHandOver(dossier, task)) handedToProcessing ||= !task.candidateGroups.includes(Role.Reception);
    }
    if (handedToProcessing && dossier.status === DossierStatus.Received) {
      await this.lifecycle.setStatus(dossier.id, DossierStatus.Processing, { note: 'Chuyển xử lý' });
    }
    if (open.length === 0 && !dossier.finishedAt) await this.checkEnded(dossier);
    this.document.keepCurrent(dossier);
  }

  /** Closes a step reported by the API with the officer who completed it. */
  async complete(entry: StepCompletion, tx?: Executor): Promise<void> {
    const row = await this.journal.findControlEntry(entry.userTaskKey, tx);
    if (!row) return;
    await this.journal.closeControlEntry(
      entry.userTaskKey,
      {
        completedAt: entry.completedAt,
        outcome: 'completed',
        receiverId: entry.receiverId,
        receiverName: entry.receiverName,
        ...(await this.timeliness(row, entry.completedAt, tx)),
      },
      tx,
    );
  }

  /** Records a hand-over; false when another caller recorded it first. */
  async recordHandOver(dossier: DossierRecord, task: UserTask): Promise<boolean> {
    const handedOverAt = new Date(task.creationDate);
    const duration = parseStepDuration(task.customHeaders.stepDuration);
    const last = await this.journal.lastCompleted(dossier.id);
    // A step reopened by the applicant's supplement is handed over by the applicant, not by the
    // officer who asked for it.
    const supplemented = (await this.journal.pauses(dossier.id)).some((p) => p.endedAt && p.supplement && (!last?.completedAt || p.endedAt >= last.completedAt));
    const giver = supplemented ? undefined : last;
    return this.journal.insertControlEntry({
      dossierId: dossier.id,
      userTaskKey: task.userTaskKey,
      elementId: task.elementId,
      elementName: task.name ?? null,
      receiverGroup: task.candidateGroups[0] ?? null,
      unitAgencyCode: holdingAgency(dossier, task.candidateGroups[0]),
      giverId: giver?.receiverId ?? (supplemented ? dossier.applicantUserId : dossier.submittedBy),
      giverName: giver?.receiverName ?? (giver ? null : dossier.applicantName),
      handedOverAt,
      stepDuration: task.customHeaders.stepDuration ?? null,
      dueAt: duration ? await this.calendar.dueDate(handedOverAt, duration) : null,
      receiverId: task.assignee ?? null,
    });
  }

  private async closeFromEngine(entry: ControlEntryRecord): Promise<void> {
    let task: UserTask;
    try {
      task = await this.engine.getUserTask(entry.userTaskKey);
    } catch (error) {
      if (error instanceof WorkflowError && error.code === 'NOT_FOUND') return;
      throw error;
    }
    if (task.state === 'CREATED') return;
    const completedAt = task.completionDate ? new Date(task.completionDate) : this.lifecycle.now();
    const completed = task.state === 'COMPLETED';
    await this.journal.closeControlEntry(entry.userTaskKey, {
      completedAt,
      outcome: completed ? 'completed' : 'cancelled',
      ...(completed ? await this.timeliness(entry, completedAt) : { onTime: null, lateMinutes: null }),
      ...(completed && task.assignee && !entry.receiverId ? { receiverId: task.assignee } : {}),
    });
  }

  private async timeliness(entry: ControlEntryRecord, completedAt: Date, tx?: Executor): Promise<{ onTime: boolean | null; lateMinutes: number | null }> {
    if (!entry.dueAt) return { onTime: null, lateMinutes: null };
    const calendar = await this.calendar.calendar(tx);
    const late = completedAt > entry.dueAt;
    return { onTime: !late, lateMinutes: late ? Math.round(calendar.workingMinutesBetween(entry.dueAt, completedAt)) : 0 };
  }

  /** A process that ended settles the dossier: a result handed over, or a path that ended without one. */
  private async checkEnded(dossier: DossierRecord): Promise<void> {
    let state: string;
    let endDate: string | undefined;
    try {
      ({ state, endDate } = await this.engine.getProcessInstance(dossier.processInstanceKey!));
    } catch (error) {
      if (error instanceof WorkflowError && error.code === 'NOT_FOUND') return;
      throw error;
    }
    if (state === 'ACTIVE') return;
    this.logger.debug(`Dossier ${dossier.code}: process ${state.toLowerCase()}`);
    await this.dossiers.update(dossier.id, { finishedAt: endDate ? new Date(endDate) : this.lifecycle.now() });
  }
}
