import { formJsVi } from './form-js.vi.js';

/**
 * What form-js shows, in the page's language (the <html lang> the app keeps in step with the
 * user's choice). The build rewrites form-js's English literals into calls to these functions
 * (build/form-js-messages.ts); messages are looked up when they are shown, so a change of language
 * applies to the next validation.
 */
export function formJsText(english: string, values: Record<string, unknown> = {}): string {
  const text = document.documentElement.lang === 'vi' ? (formJsVi[english] ?? english) : english;
  return text.replace(/{(\w+)}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** flatpickr's calendar texts for the date fields; English keeps flatpickr's own (Sunday first). */
export function formJsCalendar(): object | undefined {
  return document.documentElement.lang === 'vi' ? vietnameseCalendar : undefined;
}

const vietnameseCalendar = {
  weekdays: {
    shorthand: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
    longhand: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
  },
  months: {
    shorthand: ['Th1', 'Th2', 'Th3', 'Th4', 'Th5', 'Th6', 'Th7', 'Th8', 'Th9', 'Th10', 'Th11', 'Th12'],
    longhand: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'],
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' đến ',
  weekAbbreviation: 'Tuần',
  scrollTitle: 'Cuộn để tăng giảm',
  toggleTitle: 'Bấm để chuyển',
  yearAriaLabel: 'Năm',
  monthAriaLabel: 'Tháng',
  hourAriaLabel: 'Giờ',
  minuteAriaLabel: 'Phút',
  time_24hr: true,
};
