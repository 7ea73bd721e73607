import { parseClock, type WorkingCalendar } from '../calendar/working-calendar.js';
import type { ProcedureCatalogue } from '../procedures/bundle.js';
import { durationMinutes, processingDuration, warningLeadMinutes } from './working-time.js';

export interface Appointment {
  dueDate: Date;
  warningDate: Date;
}

/**
 * The appointment of a dossier whose clock starts at `start`, on the competent agency's calendar:
 * the processing time in working time, or, for a procedure with a same-day cut-off, the close of
 * the receipt's working day (received before the cut-off) or of the next working day (received
 * after it). A dossier received outside office hours counts from the next opening. Computed on a
 * loaded calendar: callable inside a transaction without another query.
 */
export function appointmentOn(calendar: WorkingCalendar, start: Date, rule: Pick<ProcedureCatalogue, 'processingTime' | 'sameDayCutoff'>): Appointment {
  if (rule.sameDayCutoff) return sameDayAppointment(calendar, start, rule.sameDayCutoff);
  const total = durationMinutes(processingDuration(rule.processingTime), calendar.minutesPerDay);
  const lead = warningLeadMinutes(total, calendar.minutesPerDay);
  return { dueDate: calendar.add(start, { minutes: total }), warningDate: calendar.add(start, { minutes: total - lead }) };
}

function sameDayAppointment(calendar: WorkingCalendar, received: Date, cutoff: string): Appointment {
  const start = calendar.nextWorkingMoment(received);
  const day = calendar.localDay(start);
  const dueDay = calendar.localMinutes(start) < parseClock(cutoff) ? day : calendar.nextWorkingDay(day);
  const dueDate = calendar.closeOf(dueDay);
  const total = Math.round(calendar.workingMinutesBetween(start, dueDate));
  return { dueDate, warningDate: calendar.add(start, { minutes: total - warningLeadMinutes(total, calendar.minutesPerDay) }) };
}
