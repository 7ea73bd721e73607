import { checkNewAppointment } from './new-appointment.js';
import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { OFFICER_ROLES, Role } from '../auth/roles.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { WORKFLOW_ENGINE, WorkflowError, type UserTask, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { LeaderSignature } from './leader-signature.js';
import { ClusterCompletions } from './cluster-completions.js';
import { ControlSheet } from './control-sheet.service.js';
import type { DossierRecord } from './dossier.schema.js';
import { DossierStatus, STATUS_LABELS } from './dossier-status.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import type { Appointment } from './appointment.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';
import { assertApologyAllowed, assertSupplementAllowed } from './deadline-rules.js';
import { PortalDossiersRepository } from '../national-portal/portal-dossiers.repository.js';
import { DossiersRepository } from './dossiers.repository.js';
import { checkForm, formKeys, type FormSchema } from './form-validation.js';
import { ProcedureVersions } from './procedure-versions.js';
import { StepRecordsWriter, type StepRecords } from './step-records.js';
import { assertTransition } from './status-transition.js';
import { actionVariables, APOLOGY_FIELDS, canHandleTask, type TaskAction } from './task-rules.js';
import { MISSING_ITEM_FIELDS, namedMissingItems, REQUIRED_DOCUMENT_CHOICES, requiredDocumentChoices, taskFormData } from './task-form-data.js';
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
  dossier: {
    id: string;
    code: string;
    procedureName: string | null;
    applicantName: string;
    status: string;
    statusLabel: string;
    dueDate: string | null;
    /** The national portal's code (MaHoSo) of a dossier filed there. */
    nationalPortalCode: string | null;
  };
}

/** The status each decision of the reception step leads to. */
const RECEPTION_STATUS: Partial<Record<string, DossierStatus>> = {
  receive: DossierStatus.Received,
  refuse: DossierStatus.NotReceived,
  supplement: DossierStatus.SupplementRequested,
};

export interface WorkPage {
  items: WorkItem[];
  /** Pass back as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface ActionRequest {
  variables?: Record<string, unknown>;
  reasons?: string;
  missingItems?: string[];
  result?: string;
  /** Unlocks the leader's own key when her approval signs the draft; never stored. */
  signingPin?: string;
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
    @Inject(DATABASE) private readonly db: Database,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly versions: ProcedureVersions,
    private readonly lifecycle: DossierLifecycle,
    private readonly controlSheet: ControlSheet,
    private readonly calendar: CalendarService,
    private readonly stepRecords: StepRecordsWriter,
    private readonly clusterCompletions: ClusterCompletions,
    private readonly leaderSignature: LeaderSignature,
    private readonly portalDossiers: PortalDossiersRepository,
  ) {}

  /**
   * One page of the worklist, selected in the database from the control sheet's open steps (the
   * agency's dossiers, the caller's roles); only the page's tasks are read from the engine.
   * Reading writes nothing.
   */
  async worklist(user: AuthenticatedUser, limit: number, after?: string): Promise<WorkPage> {
    if (!AccessPolicy.isOfficer(user) || !user.agencyCode) throw new ForbiddenException('The worklist is for officers of an agency');
    const groups = user.roles.filter((r) => OFFICER_ROLES.includes(r));
    const page = await this.journal.openStepsOf(user.agencyCode, groups, limit, after);
    const items: WorkItem[] = [];
    for (const { entry, dossier } of page.items) {
      const task = await this.openTask(entry.userTaskKey);
      if (task && canHandleTask(user, dossier, task)) items.push(await this.workItem(task, dossier));
    }
    return { items, ...(page.next ? { next: page.next } : {}) };
  }

  /** The engine's task of an open step; undefined when the engine has closed it and the control sheet is yet to hear. */
  private async openTask(userTaskKey: string): Promise<UserTask | undefined> {
    try {
      const task = await this.engine.getUserTask(userTaskKey);
      return task.state === 'CREATED' ? task : undefined;
    } catch (error) {
      if (error instanceof WorkflowError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  /**
   * A step with its form: `variables` are the process's, `formData` what the form starts with (its
   * own fields empty, the rest as people read it; see task-form-data.ts).
   */
  async task(
    user: AuthenticatedUser,
    userTaskKey: string,
  ): Promise<WorkItem & { form?: FormSchema; variables: Record<string, unknown>; formData: Record<string, unknown>; approvalSigns?: string }> {
    const { task, dossier } = await this.visibleTask(user, userTaskKey);
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const variables = await this.engine.getVariables(task.processInstanceKey);
    const form = this.versions.formOf(model, task);
    const formData = form ? taskFormData(model, form, variables, this.config.CALENDAR_UTC_OFFSET_MINUTES) : {};
    // An approval that signs a draft asks the leader for her signing PIN.
    const draft = form && formKeys(form).has('approvalDecision') ? await this.leaderSignature.draftToSign(dossier, variables) : undefined;
    return { ...(await this.workItem(task, dossier)), form, variables, formData, ...(draft ? { approvalSigns: draft.kind } : {}) };
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
    return this.complete(user, userTaskKey, { ...request.variables, ...decision, ...(reasons ? { reasons } : {}) }, request.missingItems, request.signingPin);
  }

  async complete(
    user: AuthenticatedUser,
    userTaskKey: string,
    submitted: Record<string, unknown>,
    missingItems?: string[],
    signingPin?: string,
  ): Promise<DossierRecord> {
    const { task, dossier } = await this.visibleTask(user, userTaskKey);
    if (task.assignee && task.assignee !== user.id) throw new ConflictException('The task is held by another officer');
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const form = await this.formOf(dossier, task);
    // The required documents are the options the form offered for the missing items.
    const { problems, values } = checkForm(form, { ...submitted, [REQUIRED_DOCUMENT_CHOICES]: requiredDocumentChoices(model.catalogue) });
    if (problems.length > 0) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems.map((p) => p.message), fields: problems });
    }
    const apology = typeof values[APOLOGY_FIELDS.newDueDate] === 'string' ? this.endOfOfficeDay(values[APOLOGY_FIELDS.newDueDate] as string) : undefined;
    const calendar = await this.calendar.calendar();
    if (apology) {
      checkNewAppointment(apology, this.lifecycle.now());
      const previousApologies = (await this.journal.appointments(dossier.id)).length;
      assertApologyAllowed(calendar, { dueDate: dossier.dueDate, previousApologies, newDueDate: apology, now: this.lifecycle.now() });
    }
    const reception = RECEPTION_STATUS[String(values.receptionDecision)];
    // Refused before the engine moves on: the decision must be a legal status change of the dossier.
    if (reception) assertTransition(dossier, reception);
    const supplementRequested = values.receptionDecision === 'supplement' || values.appraisalResult === 'supplement';
    const missing = supplementRequested ? namedMissingItems(values, missingItems) : [];
    if (supplementRequested) {
      assertSupplementAllowed((await this.journal.pauses(dossier.id)).length, model.catalogue.maxSupplementRequests);
    }
    // The appointment is counted from receipt of the complete dossier, and the model hears it with the decision.
    // Received now: the dossier's receipt time and its appointment's start are one instant.
    const receivedAt = values.receptionDecision === 'receive' && !dossier.receivedAt ? this.lifecycle.now() : undefined;
    const appointment = values.receptionDecision === 'receive' ? await this.appointmentFrom(dossier, receivedAt) : undefined;
    const variables = {
      ...values,
      ...(appointment ? { dueDate: appointment.dueDate.toISOString(), warningDate: appointment.warningDate.toISOString() } : {}),
      // The original appointment stays: the new one is given to the model beside it.
      ...(apology ? { rescheduledDueDate: apology.toISOString() } : {}),
      // The supplement request letter lists them (templates/common/phieu-yeu-cau-bo-sung.hbs).
      ...(supplementRequested ? { [MISSING_ITEM_FIELDS.chosen]: missing } : {}),
    };
    const actor = { actorId: user.id, actorName: displayName(user), elementId: task.elementId, elementName: task.name ?? null };
    const reasons = typeof values.reasons === 'string' ? values.reasons : undefined;
    // What the writes below need from the engine is read first: inside the engine's transaction
    // (embedded, on PGlite) a read beside it would wait for it.
    const appraisal = values.approvalDecision === 'approve' ? await this.engine.getVariables(task.processInstanceKey) : {};
    const refusedOnApproval = appraisal.appraisalResult === 'refuse';
    const refusalReasons = typeof appraisal.reasons === 'string' ? appraisal.reasons : 'Từ chối giải quyết';
    // Her own signature on the draft she approves comes first: a wrong PIN stops here, the step stays open.
    if (values.approvalDecision === 'approve') await this.leaderSignature.sign(user, dossier, appraisal, signingPin, this.lifecycle.now());
    // The hand-over of this step is on the sheet before it closes.
    await this.controlSheet.sync(dossier);

    // The step's close on the control sheet and the status its decisions lead to commit with the
    // completion (embedded engine) or are applied from the completion outbox once the cluster
    // accepted it (Zeebe): the service tasks that follow (a signature in this officer's name) read
    // who completed it.
    const records: StepRecords = {
      dossierId: dossier.id,
      userTaskKey: task.userTaskKey,
      completedAt: this.lifecycle.now().toISOString(),
      receiver: { id: user.id, name: displayName(user) },
      actor,
      ...(appointment
        ? {
            receive: {
              dueDate: appointment.dueDate.toISOString(),
              warningDate: appointment.warningDate.toISOString(),
              ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
            },
          }
        : {}),
      ...(!appointment && values.receptionDecision === 'refuse' ? { refuse: { reasons: reasons ?? null } } : {}),
      ...(supplementRequested ? { supplement: { reason: reasons ?? 'Yêu cầu bổ sung hồ sơ', missingItems: missing } } : {}),
      ...(refusedOnApproval ? { stop: { reasons: refusalReasons } } : {}),
      ...(apology
        ? {
            reschedule: {
              newDueDate: apology.toISOString(),
              reason: textOf(values[APOLOGY_FIELDS.reason]) ?? '',
              responsibleUnit: textOf(values[APOLOGY_FIELDS.responsibleUnit]) ?? dossier.agencyCode,
            },
          }
        : {}),
      reception: task.candidateGroups.includes(Role.Reception),
    };
    await this.translate(() => this.completeWith(task.userTaskKey, variables, records));
    // Hand-overs to the steps the completion opened (recorded again by the jobs that follow if this fails).
    await this.controlSheet.sync((await this.dossiers.findById(dossier.id))!);
    return (await this.dossiers.findById(dossier.id))!;
  }

  /**
   * Completes the task with its records in one transaction where the engine joins it (embedded);
   * with a cluster (Zeebe), through the completion outbox.
   */
  private async completeWith(userTaskKey: string, variables: Record<string, unknown>, records: StepRecords): Promise<void> {
    if (!this.engine.joinTransaction) return this.clusterCompletions.complete(userTaskKey, variables, records);
    const joined = await this.db.transaction(async (tx) => {
      const engine = this.engine.joinTransaction!(tx);
      await engine.commands.completeUserTask(userTaskKey, variables);
      await this.stepRecords.apply(records, tx);
      return engine;
    });
    await joined.afterCommit();
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
        nationalPortalCode: (await this.portalDossiers.portalCodeOf(dossier.id)) ?? null,
      },
    };
  }

  /** The appointment of a dossier received at `receivedAt`; a dossier received again (after a supplement) keeps the one it has. */
  private async appointmentFrom(dossier: DossierRecord, receivedAt = this.lifecycle.now()): Promise<Appointment> {
    if (dossier.receivedAt && dossier.dueDate && dossier.warningDate) return { dueDate: dossier.dueDate, warningDate: dossier.warningDate };
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    return this.lifecycle.appointment(receivedAt, model.catalogue, dossier.agencyCode);
  }

  /** A date of the apology form means the end of that working day (the last office period's end). */
  private endOfOfficeDay(date: string): Date {
    const end = this.config.CALENDAR_OFFICE_HOURS.split(',').at(-1)!.trim().split('-')[1];
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

/** A form value read as text; anything else (a list, an object) is not text. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
