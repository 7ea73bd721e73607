import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { ControlSheet } from './control-sheet.service.js';
import type { AlertRecord } from './dossier.schema.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossiersRepository } from './dossiers.repository.js';
import { Periodic } from './periodic.js';
import { deadlineState, durationMinutes, parseStepDuration } from './working-time.js';

/**
 * The scheduled deadline check: reconciles running dossiers' control sheets with the engine, then
 * raises each warning once — a step or a dossier about to be late (due_soon) or late — for the
 * unit that holds it. Appointment checks skip dossiers whose clock is stopped.
 */
@Injectable()
export class DeadlineMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private readonly periodic: Periodic;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly controlSheet: ControlSheet,
    private readonly calendar: CalendarService,
  ) {
    this.periodic = new Periodic('Deadline check', config.DEADLINE_CHECK_SECONDS * 1000, () => this.check(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** One pass; returns the alerts raised by it. */
  async check(): Promise<AlertRecord[]> {
    const now = this.clock.now();
    const calendar = await this.calendar.calendar();
    const raised: AlertRecord[] = [];
    const raise = async (alert: Omit<AlertRecord, 'id' | 'at'>) => {
      const row = { ...alert, at: now };
      if (await this.journal.raiseAlert(row)) {
        raised.push({ id: '', ...row });
        this.logger.warn(`${alert.level === 'late' ? 'Late' : 'Due soon'}: ${alert.subject} ${alert.subjectId} of dossier ${alert.dossierId}, held by ${alert.unitAgencyCode}${alert.unitGroup ? `/${alert.unitGroup}` : ''}, due ${alert.dueAt.toISOString()}`);
      }
    };
    for (const dossier of await this.dossiers.running()) {
      await this.controlSheet.sync(dossier);
      if (dossier.pausedAt || !dossier.dueDate) continue;
      const level = now >= dossier.dueDate ? 'late' : dossier.warningDate && now >= dossier.warningDate ? 'due_soon' : undefined;
      if (level) await raise({ dossierId: dossier.id, subject: 'dossier', subjectId: dossier.id, level, unitAgencyCode: dossier.agencyCode, unitGroup: null, dueAt: dossier.dueDate });
    }
    for (const step of await this.journal.openStepsWithDeadline()) {
      const duration = parseStepDuration(step.stepDuration ?? undefined);
      const state = deadlineState(
        calendar.workingMinutesBetween(now, step.dueAt!),
        duration ? durationMinutes(duration, calendar.minutesPerDay) : 0,
        now > step.dueAt!,
      );
      if (state === 'on_time') continue;
      await raise({ dossierId: step.dossierId, subject: 'step', subjectId: step.id, level: state, unitAgencyCode: step.unitAgencyCode, unitGroup: step.receiverGroup, dueAt: step.dueAt! });
    }
    return raised;
  }
}
