import { vietnameseCalendar } from './calendar.js';
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
