import { randomInt } from 'node:crypto';
import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { localDay } from '../dossiers/dossier-code.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { statisticsAgency } from '../statistics/statistics-scope.js';
import type { AnswerFeedbackDto, FeedbackListQuery, FileAnonymousFeedbackDto, FileFeedbackDto } from './feedback.dto.js';
import { FeedbackRepository } from './feedback.repository.js';
import type { FeedbackRecord } from './feedback.schema.js';

interface NewFeedback {
  agencyCode: string;
  procedureCode?: string;
  dossierId?: string;
  authorUserId?: string;
  authorName: string;
  contact: string;
  content: string;
}

/**
 * Citizens' feedback (phản ánh, kiến nghị): filed with a code and a deadline in working days on the
 * answering agency's calendar; its leaders and the supervisors read and answer it.
 */
@Injectable()
export class FeedbackService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly repository: FeedbackRepository,
    private readonly dossiers: DossiersRepository,
    private readonly calendar: CalendarService,
  ) {}

  async fileAsCitizen(user: AuthenticatedUser, dto: FileFeedbackDto): Promise<FeedbackRecord> {
    let agencyCode = dto.agencyCode;
    let procedureCode = dto.procedureCode;
    if (dto.dossierId) {
      const dossier = await this.dossiers.findById(dto.dossierId);
      if (!dossier || dossier.applicantUserId !== user.id) throw new NotFoundException(`Dossier ${dto.dossierId} not found`);
      agencyCode = dossier.agencyCode;
      procedureCode = dossier.procedureCode;
    }
    if (!agencyCode) throw new BadRequestException('agencyCode is required when the feedback is not about one of your dossiers');
    const contact = dto.contact?.trim() || user.email;
    if (!contact) throw new BadRequestException('contact is required: a phone number or an e-mail address for the answer');
    return this.file({
      agencyCode,
      ...(procedureCode ? { procedureCode } : {}),
      ...(dto.dossierId ? { dossierId: dto.dossierId } : {}),
      authorUserId: user.id,
      authorName: user.name ?? user.username,
      contact,
      content: dto.content,
    });
  }

  async fileAnonymously(dto: FileAnonymousFeedbackDto): Promise<FeedbackRecord> {
    return this.file({ agencyCode: dto.agencyCode, ...(dto.procedureCode ? { procedureCode: dto.procedureCode } : {}), authorName: dto.name, contact: dto.contact, content: dto.content });
  }

  /** Supervisors: every agency's or one; leaders: their own agency's. */
  async list(user: AuthenticatedUser, query: FeedbackListQuery): Promise<FeedbackRecord[]> {
    const agencyCode = statisticsAgency(user, query.agencyCode);
    return this.repository.list({ ...(agencyCode ? { agencyCode } : {}), unanswered: query.show === 'unanswered' });
  }

  async mine(user: AuthenticatedUser): Promise<FeedbackRecord[]> {
    return this.repository.list({ authorUserId: user.id });
  }

  async answer(user: AuthenticatedUser, id: string, dto: AnswerFeedbackDto): Promise<FeedbackRecord> {
    const feedback = await this.repository.findById(id);
    if (!feedback) throw new NotFoundException(`Feedback ${id} not found`);
    const supervisor = user.roles.includes(Role.Supervisor);
    if (!supervisor && user.agencyCode !== feedback.agencyCode) throw new ForbiddenException(`Feedback ${feedback.code} is answered by agency ${feedback.agencyCode}`);
    const saved = await this.repository.answer(id, { answer: dto.answer.trim(), answeredAt: this.clock.now(), answeredBy: user.id, answeredByName: user.name ?? user.username });
    if (!saved) throw new ConflictException(`Feedback ${feedback.code} has already been answered`);
    return saved;
  }

  agencyName(code: string): string {
    return AgencyDirectory.shared().nameOf(code);
  }

  private async file(feedback: NewFeedback): Promise<FeedbackRecord> {
    if (!AgencyDirectory.shared().find(feedback.agencyCode)) throw new BadRequestException(`Unknown agency ${feedback.agencyCode}`);
    const receivedAt = this.clock.now();
    const calendar = await this.calendar.forAgency(feedback.agencyCode);
    const dueAt = calendar.add(receivedAt, { days: this.config.FEEDBACK_ANSWER_WORKING_DAYS });
    // PAKN-yyMMdd-nnnnnn: the local day it was received and a number hard to guess.
    const day = localDay(receivedAt, this.config.CALENDAR_UTC_OFFSET_MINUTES).replaceAll('-', '').slice(2);
    const code = `PAKN-${day}-${String(randomInt(1_000_000)).padStart(6, '0')}`;
    return this.repository.insert({ ...feedback, content: feedback.content.trim(), authorName: feedback.authorName.trim(), contact: feedback.contact.trim(), code, receivedAt, dueAt });
  }
}
