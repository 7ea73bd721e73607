import { Vietnamese } from 'flatpickr/dist/l10n/vn.js';
import type { CustomLocale } from 'flatpickr/dist/types/locale';
import type { Language } from './i18n.js';

/**
 * flatpickr's Vietnamese calendar (Monday first, "T2"…"CN"), with months by number as Vietnamese
 * documents write them ("tháng 11"), a 24-hour clock and labels for its year, month, hour and
 * minute fields.
 */
export const vietnameseCalendar: CustomLocale = {
  ...Vietnamese,
  months: {
    shorthand: Vietnamese.months.shorthand,
    longhand: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'],
  },
  weekAbbreviation: 'Tuần',
  scrollTitle: 'Cuộn để tăng giảm',
  toggleTitle: 'Bấm để chuyển',
  yearAriaLabel: 'Năm',
  monthAriaLabel: 'Tháng',
  hourAriaLabel: 'Giờ',
  minuteAriaLabel: 'Phút',
  time_24hr: true,
};

/** The app's calendars: Vietnamese, or flatpickr's English with the week starting on Monday as in Vietnam (and en-GB). */
export function calendarLocale(lang: Language): Partial<CustomLocale> {
  return lang === 'vi' ? vietnameseCalendar : { firstDayOfWeek: 1, time_24hr: true };
}
