/**
 * Durations on the working-day calendar, as step deadlines and processing times are written:
 * ISO 8601 with days, hours and minutes only (`P2D`, `PT4H`, `P1DT4H`), where a day is one working day.
 * Weeks, months and years have no fixed length in working time, so they are refused.
 */
const pattern = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?$/;

/** Working hours in the duration, or an explanation of why it is not one. */
export function workingHours(text: string, hoursPerDay: number): number | { error: string } {
  const value = text.trim();
  const match = pattern.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) {
    return { error: `'${text}' is not a working-time duration (ISO 8601 with days, hours or minutes, e.g. P2D, PT4H, P1DT4H)` };
  }
  const [, days, hours, minutes] = match;
  return Number(days ?? 0) * hoursPerDay + Number(hours ?? 0) + Number(minutes ?? 0) / 60;
}

export function formatHours(hours: number, hoursPerDay: number): string {
  const days = Math.floor(hours / hoursPerDay);
  const rest = Math.round((hours - days * hoursPerDay) * 100) / 100;
  return [days > 0 ? `${days} working day${days === 1 ? '' : 's'}` : '', rest > 0 ? `${rest} working hour${rest === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' ') || '0 working hours';
}
