import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { Role } from '../auth/roles.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import { ControlSheet } from '../dossiers/control-sheet.service.js';
import { DossierJournalRepository } from '../dossiers/dossier-journal.repository.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { NOTIFIER, type Notifier } from '../notifications/notifier.port.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import type { ConsultationRecord } from './consultation.schema.js';
import { ConsultationsRepository, type ConsultationWithDossier, type InboxFilter } from './consultations.repository.js';

/** How long an answer waits for the model to reach its catch event. */
const MESSAGE_TTL_MS = 7 * 24 * 3600_000;
/** Roles of the consulted agency that may answer. */
const ANSWERING_ROLES: readonly Role[] = [Role.Specialist, Role.Leader];

export interface ConsultationRequest {
  jobKey: string;
  dossier: DossierRecord;
  processInstanceKey: string;
  elementId: string;
  agency: string;
  question: string;
  deadlineDays: number;
}

export type ConsultationView = ConsultationWithDossier & { late: boolean };

/**
 * Inter-agency consultations (lấy ý kiến): a request in the consulted agency's inbox with a due
 * time in working days; its officers answer, which the model hears as `consultation-answered`
 * correlated by the request's id. A request left unanswered past its due time is escalated once
 * to the consulted agency's leaders.
 */
@Injectable()
export class ConsultationsService {
  private readonly logger = new Logger('Consultations');

  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly consultations: ConsultationsRepository,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly controlSheet: ControlSheet,
    private readonly calendar: CalendarService,
  ) {}

  async open(request: ConsultationRequest): Promise<ConsultationRecord> {
    const now = this.clock.now();
    const dueAt = await this.calendar.dueDate(now, { days: request.deadlineDays });
    const { record, created } = await this.consultations.insertOnce({
      dossierId: request.dossier.id,
      jobKey: request.jobKey,
      processInstanceKey: request.processInstanceKey,
      elementId: request.elementId,
      requestingAgency: request.dossier.agencyCode,
      consultedAgency: request.agency,
      question: request.question,
      requestedAt: now,
      dueAt,
      status: 'open',
    });
    if (created) {
      await this.journal.addHistory({
        dossierId: request.dossier.id,
        fromStatus: request.dossier.status,
        toStatus: request.dossier.status,
        elementId: request.elementId,
        note: `Gửi lấy ý kiến ${request.agency}, hạn trả lời ${dueAt.toISOString()}`,
        at: now,
      });
    }
    return record;
  }

  async inbox(user: AuthenticatedUser, filter: InboxFilter): Promise<ConsultationView[]> {
    if (!AccessPolicy.isOfficer(user) || !user.agencyCode) throw new ForbiddenException('The consultation inbox is for officers of an agency');
    const now = this.clock.now();
    return (await this.consultations.inbox(user.agencyCode, filter, now)).map((c) => this.view(c, now));
  }

  /** A request, for the consulted agency and for the agency that asked; 404 for anyone else. */
  async get(user: AuthenticatedUser, id: string): Promise<ConsultationView> {
    const record = await this.consultations.findById(id);
    if (!record || !this.canRead(user, record)) throw new NotFoundException(`Consultation ${id} not found`);
    const [withDossier] = (await this.consultations.ofDossier(record.dossierId)).filter((c) => c.id === id);
    return this.view(withDossier, this.clock.now());
  }

  async ofDossier(user: AuthenticatedUser, dossierId: string): Promise<ConsultationView[]> {
    const dossier = await this.dossiers.findById(dossierId);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier) || !(AccessPolicy.isOfficer(user) || user.roles.includes(Role.Supervisor))) {
      throw new NotFoundException(`Dossier ${dossierId} not found`);
    }
    const now = this.clock.now();
    return (await this.consultations.ofDossier(dossierId)).map((c) => this.view(c, now));
  }

  async answer(user: AuthenticatedUser, id: string, opinion: string): Promise<ConsultationView> {
    const record = await this.consultations.findById(id);
    if (!record || !this.canRead(user, record)) throw new NotFoundException(`Consultation ${id} not found`);
    if (user.agencyCode !== record.consultedAgency || !ANSWERING_ROLES.some((r) => user.roles.includes(r))) {
      throw new ForbiddenException(`Only a specialist or leader of ${record.consultedAgency} answers this consultation`);
    }
    const now = this.clock.now();
    const answered = await this.consultations.answer(id, { answer: opinion, answeredBy: user.id, answeredByName: user.name ?? user.username, answeredAt: now });
    if (!answered) throw new ConflictException(`Consultation ${id} was already answered`);
    await this.engine.publishMessage({
      name: 'consultation-answered',
      correlationKey: id,
      messageId: `consultation-answered:${id}`,
      timeToLive: MESSAGE_TTL_MS,
      variables: { answer: opinion },
    });
    const dossier = await this.dossiers.findById(record.dossierId);
    const late = now > record.dueAt;
    await this.journal.addHistory({
      dossierId: record.dossierId,
      fromStatus: dossier!.status,
      toStatus: dossier!.status,
      actorId: user.id,
      actorName: user.name ?? user.username,
      elementId: record.elementId,
      note: `${record.consultedAgency} đã trả lời xin ý kiến${late ? ' (quá hạn)' : ''}`,
      at: now,
    });
    // The answer may hand the dossier to its next step.
    await this.controlSheet.sync((await this.dossiers.findById(record.dossierId))!);
    return this.get(user, id);
  }

  /** One pass of the escalation check; returns the requests escalated by it. */
  async escalateOverdue(): Promise<ConsultationRecord[]> {
    const now = this.clock.now();
    const escalated: ConsultationRecord[] = [];
    for (const request of await this.consultations.overdueNotEscalated(now)) {
      const to = `${request.consultedAgency}/${Role.Leader}`;
      if (!(await this.consultations.markEscalated(request.id, now, to))) continue;
      escalated.push({ ...request, escalatedAt: now, escalatedTo: to });
      await this.journal.raiseAlert({
        dossierId: request.dossierId,
        subject: 'consultation',
        subjectId: request.id,
        level: 'late',
        unitAgencyCode: request.consultedAgency,
        unitGroup: Role.Leader,
        dueAt: request.dueAt,
        at: now,
      });
      const dossier = await this.dossiers.findById(request.dossierId);
      const leaders = await this.consultations.officers(request.consultedAgency, Role.Leader);
      for (const leader of leaders.filter((l) => l.email)) {
        await this.notifier
          .send({
            channel: 'email',
            to: leader.email!,
            subject: `Quá hạn trả lời xin ý kiến: hồ sơ ${dossier?.code ?? request.dossierId}`,
            body: `${request.requestingAgency} xin ý kiến về hồ sơ ${dossier?.code ?? ''} (${dossier?.procedureName ?? ''}): "${request.question}". Hạn trả lời đã qua (${request.dueAt.toISOString()}); đề nghị chỉ đạo trả lời.`,
            dossierId: request.dossierId,
          })
          .catch((error: Error) => this.logger.error(`Escalation of consultation ${request.id} to ${leader.email}: ${error.message}`));
      }
      this.logger.warn(`Consultation ${request.id} of dossier ${dossier?.code ?? request.dossierId} is overdue at ${request.consultedAgency}; escalated to its leaders`);
    }
    return escalated;
  }

  private canRead(user: AuthenticatedUser, record: ConsultationRecord): boolean {
    if (user.roles.includes(Role.Supervisor)) return true;
    return AccessPolicy.isOfficer(user) && !!user.agencyCode && (user.agencyCode === record.consultedAgency || user.agencyCode === record.requestingAgency);
  }

  private view(record: ConsultationWithDossier, now: Date): ConsultationView {
    const late = record.answeredAt ? record.answeredAt > record.dueAt : now > record.dueAt;
    return { ...record, late };
  }
}
