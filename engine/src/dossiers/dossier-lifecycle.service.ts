import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import type { Attachment, DossierRecord } from './dossier.schema.js';
import { DossierStatus, FINAL_STATUSES } from './dossier-status.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossiersRepository } from './dossiers.repository.js';
import { assertTransition } from './status-transition.js';
import { assertApologyAllowed } from './deadline-rules.js';
import { appointmentOn, type Appointment } from './appointment.js';
import type { ProcedureCatalogue } from '../procedures/bundle.js';
import { ProcedureVersions } from './procedure-versions.js';
import { NationalPortalSync } from '../national-portal/portal-sync.js';

/** Who caused a change and at which step of the model; all optional (the platform acts too). */
export interface ChangeContext {
  actorId?: string | null;
  actorName?: string | null;
  elementId?: string | null;
  elementName?: string | null;
  note?: string | null;
}

/**
 * The dossier's status and clock. Every status change is written with its history row (and its
 * call to the national portal, when synced) in one transaction on the locked dossier; the clock stops while the applicant is asked for more and
 * resumes (or restarts) per the procedure's supplementPolicy.
 */
@Injectable()
export class DossierLifecycle {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly calendar: CalendarService,
    private readonly versions: ProcedureVersions,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly nationalPortal: NationalPortalSync,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * The only way a dossier's status changes: on the locked row, checked against LEGAL_TRANSITIONS
   * (IllegalStatusTransition, a 409, otherwise), with its history row. Setting the current status
   * again changes nothing and writes no history row.
   */
  async setStatus(dossierId: string, to: DossierStatus, context: ChangeContext = {}, tx?: Executor): Promise<DossierRecord> {
    if (!tx) return this.db.transaction((t) => this.setStatus(dossierId, to, context, t));
    const dossier = await this.dossiers.lock(dossierId, tx);
    if (!dossier) throw new NotFoundException(`Dossier ${dossierId} not found`);
    if (dossier.status === to) return dossier;
    assertTransition(dossier, to);
    const now = this.now();
    const final = FINAL_STATUSES.includes(to);
    const updated = await this.dossiers.writeStatus(
      dossierId,
      { status: to, updatedAt: now, ...(to === DossierStatus.Received && !dossier.receivedAt ? { receivedAt: now } : {}), ...(final ? { finishedAt: now } : {}) },
      tx,
    );
    await this.journal.addHistory(
      {
        dossierId,
        fromStatus: dossier.status,
        toStatus: to,
        actorId: context.actorId ?? null,
        actorName: context.actorName ?? null,
        elementId: context.elementId ?? null,
        elementName: context.elementName ?? null,
        note: context.note ?? null,
        at: now,
      },
      tx,
    );
    // In the same transaction: the portal hears of every change that commits, and of no other.
    await this.nationalPortal.statusChanged(updated, dossier.status as DossierStatus, to, context, now, tx);
    return updated;
  }

  /** The status the dossier had before it last entered `status` (to go back after a supplement or a fee). */
  async statusBefore(dossierId: string, status: DossierStatus, tx?: Executor): Promise<DossierStatus | undefined> {
    const history = await this.journal.history(dossierId, tx);
    const entry = history.filter((h) => h.toStatus === status).at(-1);
    return (entry?.fromStatus ?? undefined) as DossierStatus | undefined;
  }

  /** When the dossier last entered a status (its history row), or undefined if it never did. */
  async enteredStatusAt(dossierId: string, status: DossierStatus, tx?: Executor): Promise<Date | undefined> {
    const history = await this.journal.history(dossierId, tx);
    return history.filter((h) => h.toStatus === status).at(-1)?.at;
  }

  /** The appointment for a dossier of `agencyCode` whose clock starts (or restarts) at `start`. */
  async appointment(start: Date, rule: Pick<ProcedureCatalogue, 'processingTime' | 'sameDayCutoff'>, agencyCode: string): Promise<Appointment> {
    return appointmentOn(await this.calendar.forAgency(agencyCode), start, rule);
  }

  /**
   * Receipt of a complete dossier: the status and the appointment, counted from now, in one
   * transaction. The appointment is set here and not at online submission (Decree 61/2018 art. 15,
   * Decree 118/2025: the time runs from receipt of a complete, valid dossier).
   */
  async receive(dossierId: string, appointment: Appointment, context: ChangeContext, outer?: Executor, receivedAt?: Date): Promise<DossierRecord> {
    return this.inTransaction(outer, async (tx) => {
      // The appointment first: the status change (and the national portal's step) carries it. The
      // receipt time is the instant the appointment counts from, when the caller took one.
      await this.dossiers.update(
        dossierId,
        { dueDate: appointment.dueDate, warningDate: appointment.warningDate, updatedAt: this.now(), ...(receivedAt ? { receivedAt } : {}) },
        tx,
      );
      return this.setStatus(dossierId, DossierStatus.Received, context, tx);
    });
  }

  /** Stops the clock: the dossier waits for the applicant, with the list of what is missing. */
  async requestSupplement(
    dossierId: string,
    request: { reason: string; missingItems: string[] },
    context: ChangeContext,
    outer?: Executor,
  ): Promise<DossierRecord> {
    return this.inTransaction(outer, async (tx) => {
      const now = this.now();
      // The request is written before the status, on the locked row, so that the change's record
      // for the national portal lists it; an illegal change rolls both back.
      if (!(await this.dossiers.lock(dossierId, tx))) throw new NotFoundException(`Dossier ${dossierId} not found`);
      if (!(await this.journal.openPause(dossierId, tx))) {
        await this.journal.insertPause(
          { dossierId, reason: request.reason, missingItems: request.missingItems, requestedBy: context.actorId ?? null, startedAt: now },
          tx,
        );
      }
      const dossier = await this.setStatus(dossierId, DossierStatus.SupplementRequested, { ...context, note: request.reason }, tx);
      return this.dossiers.update(dossierId, { pausedAt: dossier.pausedAt ?? now }, tx);
    });
  }

  /**
   * The applicant answered: the pause ends, and the appointment moves by the paused working time
   * (`resume`) or is computed again from now (`restart`). Returns the new appointment for the model;
   * none while the dossier is still to be received (its appointment is set at receipt).
   */
  async supplementReceived(
    dossierId: string,
    supplement: { note?: string; attachments: Attachment[] },
    context: ChangeContext,
  ): Promise<{ dossier: DossierRecord; appointment?: Appointment }> {
    const dossier = await this.dossiers.findById(dossierId);
    if (!dossier) throw new NotFoundException(`Dossier ${dossierId} not found`);
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const calendar = await this.calendar.forAgency(dossier.agencyCode);
    return this.db.transaction(async (tx) => {
      const locked = (await this.dossiers.lock(dossierId, tx))!;
      const pause = await this.journal.openPause(dossierId, tx);
      if (locked.status !== DossierStatus.SupplementRequested || !pause) {
        throw new ConflictException(`Dossier ${locked.code} is not waiting for a supplement (status ${locked.status})`);
      }
      const now = this.now();
      const pausedMinutes = Math.round(calendar.workingMinutesBetween(pause.startedAt, now));
      await this.journal.endPause(pause.id, { endedAt: now, workingMinutes: pausedMinutes, supplement }, tx);
      let appointment: Appointment | undefined;
      if (!locked.receivedAt) {
        appointment = undefined;
      } else if (model.catalogue.supplementPolicy === 'restart' || !locked.dueDate) {
        appointment = appointmentOn(calendar, now, model.catalogue);
      } else {
        // What was left of the time when the clock stopped is what the dossier still has.
        const remaining = Math.round(calendar.workingMinutesBetween(pause.startedAt, locked.dueDate));
        const warningLead = locked.warningDate ? Math.round(calendar.workingMinutesBetween(locked.warningDate, locked.dueDate)) : 0;
        appointment = {
          dueDate: calendar.add(now, { minutes: remaining }),
          warningDate: calendar.add(now, { minutes: Math.max(0, remaining - warningLead) }),
        };
      }
      const back = (await this.statusBefore(dossierId, DossierStatus.SupplementRequested, tx)) ?? DossierStatus.Processing;
      const policy = model.catalogue.supplementPolicy === 'restart' ? 'thời hạn tính lại từ đầu' : 'thời hạn tiếp tục';
      await this.setStatus(dossierId, back, { ...context, note: `Đã bổ sung hồ sơ; ${policy}${supplement.note ? `: ${supplement.note}` : ''}` }, tx);
      const updated = await this.dossiers.update(
        dossierId,
        { pausedAt: null, ...(appointment ? { dueDate: appointment.dueDate, warningDate: appointment.warningDate } : {}), updatedAt: now },
        tx,
      );
      return { dossier: updated, appointment };
    });
  }

  /**
   * The dossier's one new appointment given with an apology letter, stored beside the original
   * appointment (which stays, so the dossier stays late in every figure); the delay is attributed
   * to `responsibleUnit`. Checked again on the locked row: two leaders at once give one apology.
   */
  async reschedule(
    dossierId: string,
    change: { newDueDate: Date; reason: string; responsibleUnit: string },
    context: ChangeContext,
    outer?: Executor,
  ): Promise<DossierRecord> {
    return this.inTransaction(outer, async (tx) => {
      const calendar = await this.calendar.calendar(tx);
      const dossier = await this.dossiers.lock(dossierId, tx);
      if (!dossier) throw new NotFoundException(`Dossier ${dossierId} not found`);
      assertApologyAllowed(calendar, {
        dueDate: dossier.dueDate,
        previousApologies: dossier.rescheduledDueDate ? 1 : 0,
        newDueDate: change.newDueDate,
        now: this.now(),
      });
      const now = this.now();
      await this.journal.insertAppointment(
        {
          dossierId,
          previousDueDate: dossier.dueDate,
          newDueDate: change.newDueDate,
          reason: change.reason,
          responsibleUnit: change.responsibleUnit,
          issuedBy: context.actorId ?? null,
          issuedByName: context.actorName ?? null,
          at: now,
        },
        tx,
      );
      await this.journal.addHistory(
        {
          dossierId,
          fromStatus: dossier.status,
          toStatus: dossier.status,
          actorId: context.actorId ?? null,
          actorName: context.actorName ?? null,
          elementId: context.elementId ?? null,
          elementName: context.elementName ?? null,
          note: `Hẹn lại ngày trả kết quả: ${change.newDueDate.toISOString()} (${change.reason}; đơn vị: ${change.responsibleUnit})`,
          at: now,
        },
        tx,
      );
      return this.dossiers.update(dossierId, { rescheduledDueDate: change.newDueDate, updatedAt: now }, tx);
    });
  }

  /** Runs `work` in the caller's transaction when there is one, otherwise in its own. */
  private inTransaction<T>(outer: Executor | undefined, work: (tx: Executor) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.db.transaction(work);
  }

  /** Working minutes the dossier has been running, pauses excluded. */
  async elapsedWorkingMinutes(dossier: DossierRecord): Promise<number> {
    const calendar = await this.calendar.calendar();
    const start = dossier.receivedAt ?? dossier.createdAt;
    const end = dossier.finishedAt ?? this.now();
    const paused = (await this.journal.pauses(dossier.id)).reduce(
      (sum, p) => sum + (p.workingMinutes ?? Math.round(calendar.workingMinutesBetween(p.startedAt, end))),
      0,
    );
    return Math.max(0, Math.round(calendar.workingMinutesBetween(start, end)) - paused);
  }
}

