import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import type { Executor } from '../database/database.js';
import { CalendarRepository } from './calendar.repository.js';
import { withOfficialSwaps } from './official-day-swaps.js';
import { WorkingCalendar, type CalendarOverride, type CalendarSettings, type WorkingDuration } from './working-calendar.js';

/**
 * The province's working calendar: settings from configuration, the government's announced day
 * swaps shipped as data, and day overrides from the database (which win over the announced swaps).
 * The built calendar is cached and rebuilt after every change; with several replicas a change is
 * seen by the others within `refreshMs`.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private cached?: { calendar: WorkingCalendar; loadedAt: number };
  private readonly refreshMs = 60_000;

  constructor(
    private readonly repository: CalendarRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Builds the calendar once at start, so bad office hours stop the start with their message. */
  async onModuleInit(): Promise<void> {
    await this.calendar();
  }

  /** `tx`: inside a transaction, a reload reads through it (on PGlite a read beside it would wait for it). */
  async calendar(tx?: Executor): Promise<WorkingCalendar> {
    if (!this.cached || Date.now() - this.cached.loadedAt > this.refreshMs) {
      this.cached = { calendar: new WorkingCalendar(this.settings(), withOfficialSwaps(await this.repository.list(tx))), loadedAt: Date.now() };
    }
    return this.cached.calendar;
  }

  async dueDate(start: Date, duration: WorkingDuration): Promise<Date> {
    return (await this.calendar()).add(start, duration);
  }

  async year(year: number) {
    const calendar = await this.calendar();
    const overrides = withOfficialSwaps(await this.repository.list()).filter((o) => o.date.startsWith(`${year}-`));
    return {
      year,
      officeHours: calendar.settings.officeHours,
      restDays: calendar.settings.restDays,
      daysOff: calendar.daysOff(year),
      workingDays: overrides.filter((o) => o.kind === 'working_day'),
    };
  }

  async setOverride(override: CalendarOverride, updatedBy: string): Promise<void> {
    await this.repository.upsert(override, updatedBy);
    this.cached = undefined;
  }

  async removeOverride(date: string): Promise<void> {
    if (!(await this.repository.remove(date))) throw new NotFoundException(`No calendar override on ${date}`);
    this.cached = undefined;
  }

  private settings(): CalendarSettings {
    return {
      officeHours: this.config.CALENDAR_OFFICE_HOURS.split(',').map((period) => {
        const [start = '', end = ''] = period.trim().split('-');
        return { start, end };
      }),
      restDays: this.config.CALENDAR_REST_DAYS.split(',').map(Number),
      utcOffsetMinutes: this.config.CALENDAR_UTC_OFFSET_MINUTES,
    };
  }
}
