/** Lower case without Vietnamese diacritics, so "khai sinh" finds "Khai sinh" and "dang ky" finds "Đăng ký". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLocaleLowerCase('vi');
}

/** True when every word of the query appears in one of the values (accents and case ignored). */
export function matches(query: string, values: readonly (string | null | undefined)[]): boolean {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText(values.filter(Boolean).join(' '));
  return words.every((word) => haystack.includes(word));
}

/**
 * Times are shown on the service centre's clock (Vietnam, UTC+7) whatever the browser's zone:
 * deadlines and appointments are office times, and an officer travelling abroad reads the same hour.
 */
export const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatDateTime(locale: string, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: OFFICE_TIME_ZONE }).format(new Date(iso));
}

/** YYYY-MM-DD of a timestamp on the office's calendar. */
export function officeDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: OFFICE_TIME_ZONE }).format(new Date(iso));
}

export function formatMoney(locale: string, amount: number): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND' }).format(amount);
}

export function formatBytes(locale: string, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export function percent(locale: string, fraction: number | undefined): string {
  if (fraction === undefined || Number.isNaN(fraction)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}
