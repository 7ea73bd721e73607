/**
 * Dates and amounts as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP on
 * formal documents: days below 10 and the months 1 and 2 take a leading zero).
 */

export interface LocalDateParts {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly hour: number;
  readonly minute: number;
}

/**
 * Reads a date in the centre's local time. A bare `YYYY-MM-DD` is already a local calendar day;
 * anything else (ISO timestamp, epoch milliseconds, Date) is an instant shifted by the offset.
 */
export function localDateParts(value: unknown, utcOffsetMinutes: number): LocalDateParts {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    return { day, month, year, hour: 0, minute: 0 };
  }
  const instant = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) throw new TypeError(`Not a date: ${JSON.stringify(value)}`);
  const local = new Date(instant.getTime() + utcOffsetMinutes * 60_000);
  return {
    day: local.getUTCDate(),
    month: local.getUTCMonth() + 1,
    year: local.getUTCFullYear(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** "ngày 05 tháng 02 năm 2026", "ngày 23 tháng 11 năm 2026". */
export function vietnameseDate(value: unknown, utcOffsetMinutes: number): string {
  const { day, month, year } = localDateParts(value, utcOffsetMinutes);
  return `ngày ${pad(day)} tháng ${month <= 2 ? pad(month) : String(month)} năm ${year}`;
}

/** "14 giờ 05 phút, ngày 23 tháng 11 năm 2026" (receipts and hand-overs are dated to the minute). */
export function vietnameseDateTime(value: unknown, utcOffsetMinutes: number): string {
  const { hour, minute } = localDateParts(value, utcOffsetMinutes);
  return `${hour} giờ ${pad(minute)} phút, ${vietnameseDate(value, utcOffsetMinutes)}`;
}

/** "03/12/2026 11:00": the short form screens and spreadsheets use, in the centre's local time. */
export function shortDateTime(value: unknown, utcOffsetMinutes: number): string {
  const { day, month, year, hour, minute } = localDateParts(value, utcOffsetMinutes);
  return `${pad(day)}/${pad(month)}/${year} ${pad(hour)}:${pad(minute)}`;
}

/** Whole dong with dots between thousands: 1250000 → "1.250.000 đồng". */
export function vnd(amount: unknown): string {
  const value = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : amount;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`Not an amount: ${JSON.stringify(amount)}`);
  return `${groupThousands(Math.round(value))} đồng`;
}

export function groupThousands(value: number): string {
  const digits = String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return value < 0 ? `-${digits}` : digits;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
