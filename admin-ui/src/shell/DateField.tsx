import 'flatpickr/dist/flatpickr.css';
import 'flatpickr/dist/plugins/monthSelect/style.css';
import flatpickr from 'flatpickr';
import monthSelectPlugin from 'flatpickr/dist/plugins/monthSelect/index.js';
import type { Instance } from 'flatpickr/dist/types/instance';
import { useEffect, useRef } from 'react';
import { calendarLocale } from '../i18n/calendar.js';
import { useI18n } from '../i18n/i18n.js';

/** A day (yyyy-MM-dd), a month (yyyy-MM) or a local date and time (yyyy-MM-ddTHH:mm), as the native inputs give them. */
export type DateKind = 'date' | 'month' | 'datetime';

/** What the field shows (flatpickr's tokens) and reads when typed. */
const SHOWN: Record<DateKind, { format: string; pattern: RegExp }> = {
  date: { format: 'd/m/Y', pattern: /^(?<day>\d{1,2})\/(?<month>\d{1,2})\/(?<year>\d{4})$/ },
  month: { format: 'm/Y', pattern: /^(?<month>\d{1,2})\/(?<year>\d{4})$/ },
  datetime: { format: 'd/m/Y H:i', pattern: /^(?<day>\d{1,2})\/(?<month>\d{1,2})\/(?<year>\d{4}) (?<hour>\d{1,2}):(?<minute>\d{2})$/ },
};

const pad = (n: number) => String(n).padStart(2, '0');

function toValue(kind: DateKind, date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  if (kind === 'month') return day.slice(0, 7);
  return kind === 'datetime' ? `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}` : day;
}

function fromValue(value: string | undefined): Date | undefined {
  const parts = value ? /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?/.exec(value) : null;
  if (!parts) return undefined;
  const [, year, month, day = '1', hour = '0', minute = '0'] = parts;
  return new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
}

/** Typed text as a date, or undefined when it is not one (31/02 is refused, not moved to March). */
function parseTyped(kind: DateKind, text: string): Date | undefined {
  const parts = SHOWN[kind].pattern.exec(text.trim())?.groups;
  if (!parts) return undefined;
  const { day = '1', month, year, hour = '0', minute = '0' } = parts;
  const date = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  const exact = date.getDate() === Number(day) && date.getMonth() === Number(month) - 1 && date.getHours() === Number(hour) && date.getMinutes() === Number(minute);
  return exact ? date : undefined;
}

interface Props {
  kind?: DateKind;
  value: string;
  onChange(value: string): void;
  min?: string;
  max?: string;
  required?: boolean;
}

/**
 * A date, month or date-time field that reads dd/mm/yyyy (mm/yyyy, dd/mm/yyyy hh:mm) whatever the
 * browser's locale, with flatpickr's calendar in the page's language, Monday first. The value in
 * and out is the native inputs' ISO text, so pages keep it in their state and address unchanged.
 * Put it inside its <label>; the text can be typed and is read on Enter or on leaving the field.
 */
export function DateField({ kind = 'date', value, onChange, min, max, required }: Props) {
  const { lang, t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<Instance>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const current = useRef(value);
  current.current = value;

  useEffect(() => {
    const instance = flatpickr(input.current!, {
      allowInput: true,
      // A phone would otherwise get the native picker back, in the phone's locale.
      disableMobile: true,
      animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
      dateFormat: SHOWN[kind].format,
      ariaDateFormat: 'j F Y',
      enableTime: kind === 'datetime',
      time_24hr: true,
      locale: calendarLocale(lang),
      // Given at creation, the month picker marks it too (a later silent setDate does not).
      defaultDate: fromValue(current.current),
      parseDate: (text: string) => parseTyped(kind, text) as Date,
      plugins: kind === 'month' ? [monthSelectPlugin({ shorthand: true, dateFormat: SHOWN.month.format })] : [],
      onChange: (dates: Date[]) => changed.current(dates[0] ? toValue(kind, dates[0]) : ''),
    });
    picker.current = instance;
    return () => {
      instance.destroy();
      picker.current = null;
    };
  }, [kind, lang]);

  useEffect(() => {
    const instance = picker.current;
    if (!instance) return;
    instance.set({ minDate: fromValue(min), maxDate: fromValue(max) });
    const date = fromValue(value);
    if (date) instance.setDate(date, false);
    else instance.clear(false);
  }, [value, min, max, kind, lang]);

  return (
    <input
      ref={input}
      type="text"
      className="date-field"
      autoComplete="off"
      placeholder={t(`date.placeholder.${kind}`)}
      required={required}
      // Enter takes the typed date (flatpickr reads it); it does not also send the form around the field.
      onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
    />
  );
}
