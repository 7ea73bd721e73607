import { checkNewAppointment } from './new-appointment.js';
import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { Role } from '../auth/roles.js';
import { WORKFLOW_ENGINE, WorkflowError, type ElementInstance, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { ControlSheet } from './control-sheet.service.js';
import type { DossierRecord } from './dossier.schema.js';
import { DossierStatus, STATUS_LABELS } from './dossier-status.js';
import { LeaderSignature } from './leader-signature.js';
import { DocumentIssuer } from './document-issuer.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';
import { DossiersRepository } from './dossiers.repository.js';
import type { ApologyDto, CashPaymentDto, SupplementDto } from './dossiers.dto.js';
import { ProcedureVersions } from './procedure-versions.js';
import { SubmissionService } from './submission.service.js';
import { assertTransition } from './status-transition.js';
import { displayName } from './tasks.service.js';
import { assertApologyAllowed } from './deadline-rules.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { holdingAgency } from './competent-agency.js';
import { PortalDossiersRepository } from '../national-portal/portal-dossiers.repository.js';

/** How long a published message waits for the model to reach its catch event (it may still be running service tasks). */
const MESSAGE_TTL_MS = 7 * 24 * 3600_000;

/**
 * What happens to a dossier outside officers' tasks: the applicant supplements or withdraws, the
 * counter records a cash payment, a leader gives a new appointment with an apology; and the
 * dossier's records (history, control sheet, documents) as the caller may read them.
 */
@Injectable()
export class DossierActionsService {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    @Inject(DATABASE) private readonly db: Database,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly lifecycle: DossierLifecycle,
    private readonly controlSheet: ControlSheet,
    private readonly versions: ProcedureVersions,
    private readonly submissions: SubmissionService,
    private readonly documents: DocumentIssuer,
    private readonly calendar: CalendarService,
    private readonly leaderSignature: LeaderSignature,
    private readonly portalDossiers: PortalDossiersRepository,
  ) {}

  /** The dossier if the caller may read it (404 otherwise). Reading writes nothing: the commands keep the control sheet current. */
  async readable(user: AuthenticatedUser, id: string): Promise<DossierRecord> {
    const dossier = await this.dossiers.findById(id);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${id} not found`);
    return dossier;
  }

  async detail(user: AuthenticatedUser, id: string) {
    const dossier = await this.readable(user, id);
    const { idempotencyKey: _key, ...rest } = dossier;
    return {
      ...rest,
      statusLabel: STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status,
      clockStopped: dossier.pausedAt !== null,
      elapsedWorkingMinutes: await this.lifecycle.elapsedWorkingMinutes(dossier),
      pauses: await this.journal.pauses(id),
      appointments: await this.journal.appointments(id),
      feePayments: await this.journal.feePayments(id),
      // The code the applicant knows it by when he filed on the national portal.
      nationalPortalCode: (await this.portalDossiers.portalCodeOf(id)) ?? null,
    };
  }

  async history(user: AuthenticatedUser, id: string) {
    await this.readable(user, id);
    return (await this.journal.history(id)).map((h) => ({
      ...h,
      fromLabel: h.fromStatus ? STATUS_LABELS[h.fromStatus as DossierStatus] : null,
      toLabel: STATUS_LABELS[h.toStatus as DossierStatus],
    }));
  }

  async controlSheetOf(user: AuthenticatedUser, id: string) {
    const dossier = await this.readable(user, id);
    return { dossierId: id, code: dossier.code, entries: await this.journal.controlEntries(id), alerts: await this.journal.alerts(id) };
  }

  async documentList(user: AuthenticatedUser, id: string) {
    await this.readable(user, id);
    return this.journal.documents(id);
  }

  /** Every letter and document a newer one of its kind replaced: nothing sent to the applicant disappears. */
  async documentHistory(user: AuthenticatedUser, id: string) {
    await this.readable(user, id);
    return this.journal.documentHistory(id);
  }

  async document(user: AuthenticatedUser, id: string, kind: string) {
    await this.readable(user, id);
    const document = await this.journal.findDocument(id, kind);
    if (!document) throw new NotFoundException(`Dossier ${id} has no '${kind}' document`);
    return this.documents.open(document);
  }

  /**
   * The BPMN diagram of the dossier's procedure version with where its instance stands: elements
   * holding a token now, and those already passed (completed and not active again, as a loop may be).
   */
  async diagram(user: AuthenticatedUser, id: string): Promise<{ xml: string; activeElementIds: string[]; completedElementIds: string[] }> {
    const dossier = await this.dossiers.findById(id);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${id} not found`);
    if (!dossier.procedureSlug || dossier.procedureVersion === null) throw new NotFoundException(`Dossier ${id} runs on no published procedure version: it has no diagram`);
    const model = await this.versions.get(dossier.procedureSlug, dossier.procedureVersion);
    const elements = dossier.processInstanceKey ? await this.elementsOf(dossier.processInstanceKey) : [];
    const active = new Set(elements.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId));
    const completed = new Set(elements.filter((e) => e.state === 'COMPLETED' && !active.has(e.elementId)).map((e) => e.elementId));
    return { xml: model.mainModelXml, activeElementIds: [...active], completedElementIds: [...completed] };
  }

  /** Element instances of the dossier's process; none when the engine no longer knows the instance (history cleaned up). */
  private async elementsOf(processInstanceKey: string): Promise<ElementInstance[]> {
    try {
      return (await this.engine.getElementInstances(processInstanceKey)).filter((e) => e.type !== 'PROCESS');
    } catch (error) {
      if (error instanceof WorkflowError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
  }

  /** The applicant answers a supplement request; the model hears `dossier-supplemented` with the new appointment. */
  async supplement(user: AuthenticatedUser, id: string, dto: SupplementDto): Promise<DossierRecord> {
    const dossier = await this.ownedOrCounter(user, id);
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    if (dto.attachments.length === 0 && !dto.note) throw new BadRequestException('A supplement needs files or a note');
    const pause = await this.journal.openPause(id);
    const asked = pause?.missingItems ?? [];
    // Each item the request named gets its file; an item named in free text is a document of this dossier too.
    const unanswered = asked.filter((item) => !dto.attachments.some((a) => a.document === item));
    if (pause && unanswered.length > 0) {
      throw new BadRequestException(`The supplement request asks for a file for each of: ${unanswered.map((n) => `"${n}"`).join(', ')}`);
    }
    const named = model.catalogue.requiredDocuments.map((d) => d.name);
    const extra = asked.filter((item) => !named.includes(item)).map((name) => ({ name, originals: 0, copies: 0, mandatory: false }));
    const catalogue = { ...model.catalogue, requiredDocuments: [...model.catalogue.requiredDocuments, ...extra] };
    const attachments = await this.submissions.checkAttachments(user, catalogue, dto.attachments, false);
    const { dossier: updated, appointment } = await this.lifecycle.supplementReceived(
      id,
      { ...(dto.note ? { note: dto.note } : {}), attachments },
      { actorId: user.id, actorName: displayName(user) },
    );
    if (attachments.length > 0) await this.dossiers.update(id, { attachments: [...dossier.attachments, ...attachments] });
    await this.engine.publishMessage({
      name: 'dossier-supplemented',
      correlationKey: id,
      messageId: `dossier-supplemented:${pause!.id}`,
      timeToLive: MESSAGE_TTL_MS,
      // Before receipt there is no appointment yet: the model keeps its variables until the reception step sets them.
      variables: { ...(appointment ? { dueDate: appointment.dueDate.toISOString(), warningDate: appointment.warningDate.toISOString() } : {}), supplement: { note: dto.note ?? null, attachments } },
    });
    await this.controlSheet.sync(updated);
    return (await this.dossiers.findById(id))!;
  }

  /** The applicant withdraws: the model hears `dossier-withdrawn` when it listens for it; otherwise its instance is cancelled. */
  async withdraw(user: AuthenticatedUser, id: string, reason: string): Promise<DossierRecord> {
    const dossier = await this.ownedOrCounter(user, id);
    // Refused before the engine hears of it: a dossier that has its result or is closed stays as it is.
    assertTransition(dossier, DossierStatus.Withdrawn);
    const model = await this.versions.get(dossier.procedureSlug!, dossier.procedureVersion!);
    const listens = [...model.elements.values()].some((e) => e.message?.name === 'dossier-withdrawn');
    if (dossier.processInstanceKey) {
      if (listens) {
        await this.engine.publishMessage({ name: 'dossier-withdrawn', correlationKey: id, messageId: `dossier-withdrawn:${id}`, timeToLive: MESSAGE_TTL_MS, variables: { withdrawalReason: reason } });
      } else {
        await this.engine.cancelProcessInstance(dossier.processInstanceKey);
      }
    }
    const pause = await this.journal.openPause(id);
    if (pause) await this.journal.endPause(pause.id, { endedAt: this.clock.now(), workingMinutes: null, supplement: null });
    const updated = await this.lifecycle.setStatus(id, DossierStatus.Withdrawn, { actorId: user.id, actorName: displayName(user), note: reason });
    await this.controlSheet.sync(updated);
    return (await this.dossiers.findById(id))!;
  }

  /**
   * A counter officer records a cash payment; the model hears `fee-paid`. One fee, one settlement:
   * checked and recorded under the dossier's lock, as an online payment claims its fees, so a fee
   * already paid (online, or at the counter) is refused with 409 instead of being recorded twice.
   */
  async recordCashPayment(user: AuthenticatedUser, id: string, dto: CashPaymentDto) {
    await this.ofOwnAgency(user, id, [Role.Reception]);
    const payment = await this.db.transaction(async (tx) => {
      const dossier = (await this.dossiers.lock(id, tx))!;
      if (dossier.status !== DossierStatus.WaitingForFee) throw new ConflictException(`Dossier ${dossier.code} is not waiting for a fee (status ${dossier.status})`);
      const waitingSince = await this.lifecycle.enteredStatusAt(id, DossierStatus.WaitingForFee, tx);
      const recorded = await this.journal.feePayments(id, tx);
      // The same fee code paid before, or any payment made since the dossier began to wait (an
      // online order settled a moment ago, whose status change has not been written yet).
      const paid = recorded.find((p) => (dto.feeCode !== undefined && p.feeCode === dto.feeCode) || (waitingSince !== undefined && p.paidAt >= waitingSince));
      if (paid) {
        const how = paid.method === 'online' ? 'trực tuyến' : 'tại quầy';
        throw new ConflictException(`Phí, lệ phí của hồ sơ ${dossier.code} đã được nộp ${how}${paid.receiptNumber ? ` (biên lai/giao dịch ${paid.receiptNumber})` : ''}: không ghi nhận lần thứ hai`);
      }
      return this.journal.insertFeePayment(
        {
          dossierId: id,
          feeCode: dto.feeCode ?? null,
          amount: dto.amount,
          method: 'cash',
          receiptNumber: dto.receiptNumber ?? null,
          receivedBy: user.id,
          receivedByName: displayName(user),
          paidAt: this.clock.now(),
        },
        tx,
      );
    });
    await this.engine.publishMessage({
      name: 'fee-paid',
      correlationKey: id,
      messageId: `fee-paid:${payment.id}`,
      timeToLive: MESSAGE_TTL_MS,
      variables: { feePayment: { amount: dto.amount, feeCode: dto.feeCode ?? null, method: 'cash', receiptNumber: dto.receiptNumber ?? null } },
    });
    const back = (await this.lifecycle.statusBefore(id, DossierStatus.WaitingForFee)) ?? DossierStatus.Processing;
    const updated = await this.lifecycle.setStatus(id, back, { actorId: user.id, actorName: displayName(user), note: `Đã nộp phí, lệ phí: ${dto.amount} đồng` });
    await this.controlSheet.sync(updated);
    return payment;
  }

  /** A leader gives a new appointment with an apology letter, outside any step of the model. */
  async apologise(user: AuthenticatedUser, id: string, dto: ApologyDto) {
    const dossier = await this.ofOwnAgency(user, id, [Role.Leader]);
    const newDueDate = new Date(dto.newDueDate);
    checkNewAppointment(newDueDate, this.clock.now());
    assertApologyAllowed(await this.calendar.calendar(), {
      dueDate: dossier.dueDate,
      previousApologies: (await this.journal.appointments(id)).length,
      newDueDate,
      now: this.clock.now(),
    });
    // Her key is opened before anything is written: a wrong PIN leaves the appointment as it was.
    const credentials = await this.leaderSignature.unlock(user, dto.signingPin);
    const updated = await this.lifecycle.reschedule(id, { newDueDate, reason: dto.reason, responsibleUnit: dto.responsibleUnit }, { actorId: user.id, actorName: displayName(user) });
    const variables = dossier.processInstanceKey ? await this.engine.getVariables(dossier.processInstanceKey) : {};
    await this.documents.render(updated, {
      template: 'phieu-xin-loi-hen-lai',
      kind: 'apology',
      signerRoles: ['leader'],
      variables: { ...variables, lyDoQuaHan: dto.reason, donViGayQuaHan: dto.responsibleUnit, ngayHenMoi: dto.newDueDate.slice(0, 10) },
      now: this.clock.now(),
    });
    // The leader giving the appointment is the letter's signer, with her own key, at once.
    return this.leaderSignature.signAs(user, updated, 'apology', credentials, this.clock.now());
  }

  private async ownedOrCounter(user: AuthenticatedUser, id: string): Promise<DossierRecord> {
    const dossier = await this.dossiers.findById(id);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${id} not found`);
    const applicant = dossier.applicantUserId === user.id;
    const counter =
      dossier.applicantUserId === null &&
      user.roles.includes(Role.Reception) &&
      (user.agencyCode === dossier.agencyCode || user.agencyCode === dossier.receivingAgencyCode);
    if (!applicant && !counter) throw new ForbiddenException('Only the applicant (or the counter, for a dossier without an account) can do this');
    return dossier;
  }

  private async ofOwnAgency(user: AuthenticatedUser, id: string, roles: Role[]): Promise<DossierRecord> {
    const dossier = await this.dossiers.findById(id);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${id} not found`);
    // Reception acts at the centre that received the dossier (a cash fee paid where it was filed).
    if (!roles.some((r) => user.roles.includes(r) && user.agencyCode === holdingAgency(dossier, r))) {
      throw new ForbiddenException(`This action requires one of the roles ${roles.join(', ')} of agency ${dossier.agencyCode}`);
    }
    return dossier;
  }
}
