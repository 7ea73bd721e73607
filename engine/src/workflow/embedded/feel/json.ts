import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';
import { newContext } from './values.js';

/**
 * The JSON form of a FEEL value, as Zeebe stores a FEEL result in a variable
 * (zeebe/feel FeelToMessagePackTransformer):
 * - date: ISO local date, "2026-12-02";
 * - time without zone: java.time.LocalTime#toString, "10:00" or "10:00:30" or "10:00:30.5";
 * - time with zone: FEEL's form, "10:00:00+07:00" or "10:00:00@Asia/Ho_Chi_Minh";
 * - date and time without zone: ISO local date-time, "2026-12-02T10:00:00";
 * - date and time with zone: ISO_ZONED_DATE_TIME, "2026-12-02T10:00:00+07:00[Asia/Ho_Chi_Minh]",
 *   "2026-12-02T10:00:00+07:00" for an offset, "2026-12-02T03:00:00Z" for UTC;
 * - durations: FEEL's form, "P1DT2H", "-PT5M", "P1Y2M", "P0D", "P0Y".
 * Functions and ranges have no JSON form: null. Contexts keep own keys only, so a key "__proto__"
 * is copied as data and never reaches a prototype.
 */
export function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof FeelDate) return value.toString();
  if (value instanceof FeelTime) return formatTime(value);
  if (value instanceof FeelDateTime) return formatDateTime(value);
  if (value instanceof FeelDuration) return formatDuration(value);
  if (isRange(value) || isFunction(value)) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return toJson((value as { toJSON(): unknown }).toJSON());
  return newContext(Object.keys(value).map((key) => [key, toJson((value as Record<string, unknown>)[key])]));
}

function offsetOf(value: FeelTime | FeelDateTime): string {
  const offset = value['time offset'] as FeelDuration | null;
  if (!offset) return 'Z';
  const total = Math.round(offset.unwrap().total({ unit: 'seconds' }));
  if (total === 0) return 'Z';
  const abs = Math.abs(total);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const ss = abs % 60 ? ':' + String(abs % 60).padStart(2, '0') : '';
  return `${total < 0 ? '-' : '+'}${hh}:${mm}${ss}`;
}

const isRegion = (zone: string) => zone.includes('/');

function formatDateTime(value: FeelDateTime): string {
  const local = value.unwrap().toString();
  const zone = value.timezone as string | null;
  if (zone === null) return local;
  return local + offsetOf(value) + (isRegion(zone) ? `[${zone}]` : '');
}

function formatTime(value: FeelTime): string {
  const local = value.unwrap();
  const zone = value.timezone as string | null;
  if (zone === null) {
    // java.time.LocalTime#toString: seconds only when not zero, fractions in groups of three digits
    const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    const nanos = local.millisecond * 1e6 + local.microsecond * 1e3 + local.nanosecond;
    if (local.second === 0 && nanos === 0) return hhmm;
    const ss = `:${String(local.second).padStart(2, '0')}`;
    if (nanos === 0) return hhmm + ss;
    const digits = String(nanos).padStart(9, '0');
    const fraction = nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits;
    return `${hhmm}${ss}.${fraction}`;
  }
  return local.toString() + (isRegion(zone) ? `@${zone}` : offsetOf(value));
}

function formatDuration(value: FeelDuration): string {
  const duration = value.unwrap();
  if (duration.sign === 0) return value.yearsMonths ? 'P0Y' : 'P0D';
  return value.toString();
}
