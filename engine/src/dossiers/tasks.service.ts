import { checkNewAppointment } from './new-appointment.js';
import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { OFFICER_ROLES, Role } from '../auth/roles.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { WORKFLOW_ENGINE, WorkflowError, type UserTask, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { ControlSheet } from './control-sheet.service.js';
import type { DossierRecord } from './dossier.schema.js';
import { DossierStatus, STATUS_LABELS } from './dossier-status.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';
import { DossiersRepository } from './dossiers.repository.js';
import { checkForm, formKeys, type FormSchema } from './form-validation.js';
import { ProcedureVersions } from './procedure-versions.js';
import { actionVariables, APOLOGY_FIELDS, canHandleTask, type TaskAction } from './task-rules.js';
import { deadlineState, durationMinutes, parseStepDuration, type DeadlineState } from './working-time.js';

export interface WorkItem {
  userTaskKey: string;
  name?: string;
  elementId: string;
  candidateGroups: string[];
  assignee?: string;
  handedOverAt: string;
  stepDuration?: string;
  dueAt?: string;
  deadlineState?: DeadlineState;
  dossier: { id: string; code: string; procedureName: string | null; applicantName: string; status: string; statusLabel: string; dueDate: string | null };
}

export interface ActionRequest {
  variables?: Record<string, unknown>;
  reasons?: string;
  missingItems?: string[];
  result?: string;
}

/**
 * Officers' tasks over the workflow port's user tasks: the worklist of the caller's agency and
 * roles with deadline colours, claim/unclaim, and completion with the form's variables validated
 * server-side; the completion's decisions move the dossier's status.
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly versions: ProcedureVersions,
    private readonly lifecycle: DossierLifecycle,
    private readonly controlSheet: ControlSheet,
    private readonly calendar: CalendarService,
  ) {}

  async worklist(user: AuthenticatedUser): Promise<WorkItem[]> {
    if (!AccessPolicy.isOfficer(user) || !user.agencyCode) throw new ForbiddenException('The worklist is for officers of an agency');
    const groups = user.roles.filter((r) => OFFICER_ROLES.includes(r));
    const tasks = await this.engine.searchUserTasks({ state: 'CREATED', candidateGroups: groups });
    const dossiers = await this.dossiers.findByProcessInstances([...new Set(tasks.map((t) => t.processInstanceKey))]);
    const byInstance = new Map(dossiers.map((d) => [d.processInstanceKey!, d]));
    const visible = tasks.filter((t) => {
      const dossier = byInstance.get(t.processInstanceKey);
      return dossier && canHandleTask(user, dossier, t);
    });
    for (const dossier of new Set(visible.map((t) => byInstance.get(t.processInstanceKey)!))) await this.controlSheet.sync(dossier);
    return Promise.all(visible.map((t) => this.workItem(t, byInstance.get(t.processInstanceKey)!)));
  }

  async task(user: AuthenticatedUser, userTaskKey: string): Promise<WorkItem & { form?: FormSchema; variables: Record<string, unknown> }> {
    const { task, dossier } = await this.visibleTask(user, userTaskKey);
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const variables = await this.engine.getVariables(task.processInstanceKey);
    return { ...(await this.workItem(task, dossier)), form: this.versions.formOf(model, task), variables };
  }

  async claim(user: AuthenticatedUser, userTaskKey: string): Promise<void> {
    const { task } = await this.visibleTask(user, userTaskKey);
    await this.translate(() => this.engine.assignUserTask(task.userTaskKey, user.id, false));
    await this.journal.setReceiver(task.userTaskKey, user.id, displayName(user));
  }

  async unclaim(user: AuthenticatedUser, userTaskKey: string): Promise<void> {
    const { task } = await this.visibleTask(user, userTaskKey);
    if (task.assignee && task.assignee !== user.id && !user.roles.includes(Role.Leader)) {
      throw new ConflictException('The task is held by another officer; only he or a leader can release it');
    }
    await this.translate(() => this.engine.assignUserTask(task.userTaskKey, null));
    await this.journal.setReceiver(task.userTaskKey, null, null);
  }

  async act(user: AuthenticatedUser, userTaskKey: string, action: TaskAction, request: ActionRequest): Promise<DossierRecord> {
    const { task, dossier } = await this.visibleTask(user, userTaskKey);
    const form = await this.formOf(dossier, task);
    const decision = actionVariables(action, formKeys(form), request.result);
    if (!decision) throw new BadRequestException(`'${action}' is not an action of the step '${task.name ?? task.elementId}'`);
    const reasons = request.reasons ?? (request.missingItems?.length ? request.missingItems.join('; ') : undefined);
    return this.complete(user, userTaskKey, { ...request.variables, ...decision, ...(reasons ? { reasons } : {}) }, request.missingItems);
  }

  async complete(user: AuthenticatedUser, userTaskKey: string, submitted: Record<string, unknown>, missingItems?: string[]): Promise<DossierRecord> {
    const { task, dossier } = await this.visibleTask(user, userTaskKey);
    if (task.assignee && task.assignee !== user.id) throw new ConflictException('The task is held by another officer');
    const form = await this.formOf(dossier, task);
    const { problems, values } = checkForm(form, submitted);
    if (problems.length > 0) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems.map((p) => p.message), fields: problems });
    }
    const apology = typeof values[APOLOGY_FIELDS.newDueDate] === 'string' ? this.endOfOfficeDay(values[APOLOGY_FIELDS.newDueDate] as string) : undefined;
    if (apology) checkNewAppointment(apology, this.lifecycle.now());
    // The step is closed in the control sheet before the engine moves on: the service tasks that
    // follow (a signature in this officer's name) read who completed it.
    await this.controlSheet.sync(dossier);
    await this.controlSheet.complete({ userTaskKey: task.userTaskKey, completedAt: this.lifecycle.now(), receiverId: user.id, receiverName: displayName(user) });
    try {
      await this.translate(() => this.engine.completeUserTask(task.userTaskKey, apology ? { ...values, dueDate: apology.toISOString() } : values));
    } catch (error) {
      await this.journal.reopenControlEntry(task.userTaskKey);
      throw error;
    }

    const actor = { actorId: user.id, actorName: displayName(user), elementId: task.elementId, elementName: task.name ?? null };
    const reasons = typeof values.reasons === 'string' ? values.reasons : undefined;
    if (values.receptionDecision === 'receive') await this.lifecycle.setStatus(dossier.id, DossierStatus.Received, { ...actor, note: 'Tiếp nhận hồ sơ' });
    else if (values.receptionDecision === 'refuse') await this.lifecycle.setStatus(dossier.id, DossierStatus.NotReceived, { ...actor, note: reasons ?? null });
    if (values.receptionDecision === 'supplement' || values.appraisalResult === 'supplement') {
      await this.lifecycle.requestSupplement(dossier.id, { reason: reasons ?? 'Yêu cầu bổ sung hồ sơ', missingItems: missingItems ?? [] }, actor);
    }
    if (values.approvalDecision === 'approve') {
      const variables = await this.engine.getVariables(task.processInstanceKey);
      if (variables.appraisalResult === 'refuse') {
        await this.lifecycle.setStatus(dossier.id, DossierStatus.Stopped, { ...actor, note: typeof variables.reasons === 'string' ? variables.reasons : 'Từ chối giải quyết' });
      }
    }
    if (apology) {
      await this.lifecycle.reschedule(
        dossier.id,
        { newDueDate: apology, reason: String(values[APOLOGY_FIELDS.reason] ?? ''), responsibleUnit: String(values[APOLOGY_FIELDS.responsibleUnit] ?? dossier.agencyCode) },
        actor,
      );
    }
    const current = (await this.dossiers.findById(dossier.id))!;
    if (task.candidateGroups.includes(Role.Reception) && current.status === DossierStatus.Done) {
      await this.lifecycle.setStatus(dossier.id, DossierStatus.Returned, { ...actor, note: 'Đã trả kết quả' });
    }
    const latest = (await this.dossiers.findById(dossier.id))!;
    await this.controlSheet.sync(latest);
    return (await this.dossiers.findById(dossier.id))!;
  }

  private async visibleTask(user: AuthenticatedUser, userTaskKey: string): Promise<{ task: UserTask; dossier: DossierRecord }> {
    if (!/^\d{1,19}$/.test(userTaskKey)) throw new NotFoundException(`Task ${userTaskKey} not found`);
    const task = await this.translate(() => this.engine.getUserTask(userTaskKey));
    const [dossier] = await this.dossiers.findByProcessInstances([task.processInstanceKey]);
    // Tasks of other agencies or roles are reported as missing, like dossiers one may not see.
    if (!dossier || !canHandleTask(user, dossier, task)) throw new NotFoundException(`Task ${userTaskKey} not found`);
    if (task.state !== 'CREATED') throw new ConflictException(`Task ${userTaskKey} is already ${task.state.toLowerCase()}`);
    return { task, dossier };
  }

  private async formOf(dossier: DossierRecord, task: UserTask): Promise<FormSchema> {
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const form = this.versions.formOf(model, task);
    if (!form) throw new Error(`Step '${task.elementId}' of '${model.slug}' v${model.version} has no form in its bundle`);
    return form;
  }

  private async workItem(task: UserTask, dossier: DossierRecord): Promise<WorkItem> {
    const entry = await this.journal.findControlEntry(task.userTaskKey);
    const calendar = await this.calendar.calendar();
    const now = this.lifecycle.now();
    const dueAt = entry?.dueAt ?? undefined;
    const duration = parseStepDuration(task.customHeaders.stepDuration);
    return {
      userTaskKey: task.userTaskKey,
      name: task.name,
      elementId: task.elementId,
      candidateGroups: task.candidateGroups,
      assignee: task.assignee,
      handedOverAt: task.creationDate,
      stepDuration: task.customHeaders.stepDuration,
      dueAt: dueAt?.toISOString(),
      deadlineState:
        dueAt && duration
          ? deadlineState(calendar.workingMinutesBetween(now, dueAt), durationMinutes(duration, calendar.minutesPerDay), now > dueAt)
          : undefined,
      dossier: {
        id: dossier.id,
        code: dossier.code,
        procedureName: dossier.procedureName,
        applicantName: dossier.applicantName,
        status: dossier.status,
        statusLabel: STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status,
        dueDate: dossier.dueDate?.toISOString() ?? null,
      },
    };
  }

  /** A date of the apology form means the end of that working day (the last office period's end). */
  private endOfOfficeDay(date: string): Date {
    const end = this.config.CALENDAR_OFFICE_HOURS.split(',').at(-1)!.trim().split('-')[1]!;
    const offset = this.config.CALENDAR_UTC_OFFSET_MINUTES;
    const sign = offset >= 0 ? '+' : '-';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    return new Date(`${date}T${end}:00${sign}${hh}:${mm}`);
  }

  private async translate<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof WorkflowError) {
        if (error.code === 'NOT_FOUND') throw new NotFoundException(error.message);
        if (error.code === 'INVALID_STATE') throw new ConflictException(error.message);
        if (error.code === 'INVALID_ARGUMENT') throw new BadRequestException(error.message);
      }
      throw error;
    }
  }
}

export function displayName(user: AuthenticatedUser): string {
  return user.name ?? user.username;
}
