import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import type { Executor } from '../database/database.js';
import { CalendarRepository } from './calendar.repository.js';
import { withOfficialSwaps } from './official-day-swaps.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { parseOfficeHours, WorkingCalendar, type CalendarOverride, type CalendarSettings, type WorkingDuration } from './working-calendar.js';

/**
 * The province's working calendar: settings from configuration, the government's announced day
 * swaps shipped as data, and day overrides from the database (which win over the announced swaps);
 * an agency with its own office hours in the agency directory has them on the same days.
 * The built calendar is cached and rebuilt after every change; with several replicas a change is
 * seen by the others within `refreshMs`.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private cached?: { calendar: WorkingCalendar; overrides: CalendarOverride[]; byAgency: Map<string, WorkingCalendar>; loadedAt: number };
  private readonly refreshMs = 60_000;

  constructor(
    private readonly repository: CalendarRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Builds the calendars once at start, so bad office hours stop the start with their message. */
  async onModuleInit(): Promise<void> {
    for (const agency of AgencyDirectory.shared().withOfficeHours()) {
      try {
        await this.forAgency(agency.code);
      } catch (error) {
        throw new Error(`Office hours of agency ${agency.code} (processes/agencies.json): ${(error as Error).message}`, { cause: error });
      }
    }
  }

  /** `tx`: inside a transaction, a reload reads through it (on PGlite a read beside it would wait for it). */
  async calendar(tx?: Executor): Promise<WorkingCalendar> {
    if (!this.cached || Date.now() - this.cached.loadedAt > this.refreshMs) {
      const overrides = withOfficialSwaps(await this.repository.list(tx));
      this.cached = { calendar: new WorkingCalendar(this.settings(), overrides), overrides, byAgency: new Map(), loadedAt: Date.now() };
    }
    return this.cached.calendar;
  }

  /** The calendar of an agency: its own office hours (agency directory) on the province's working days. */
  async forAgency(agencyCode: string, tx?: Executor): Promise<WorkingCalendar> {
    const province = await this.calendar(tx);
    const hours = AgencyDirectory.shared().find(agencyCode)?.officeHours;
    if (!hours) return province;
    const cache = this.cached!;
    let calendar = cache.byAgency.get(agencyCode);
    if (!calendar) {
      calendar = new WorkingCalendar({ ...province.settings, officeHours: parseOfficeHours(hours) }, cache.overrides);
      cache.byAgency.set(agencyCode, calendar);
    }
    return calendar;
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
      officeHours: parseOfficeHours(this.config.CALENDAR_OFFICE_HOURS),
      restDays: this.config.CALENDAR_REST_DAYS.split(',').map(Number),
      utcOffsetMinutes: this.config.CALENDAR_UTC_OFFSET_MINUTES,
    };
  }
}
