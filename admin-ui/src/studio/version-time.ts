import { OFFICE_TIME_ZONE } from '../dossier/format.js';

/**
 * When a version was published, as dd/mm/yyyy HH:mm on the service centre's clock (Vietnam time),
 * the order Vietnamese documents write dates; English readers get the same day-first order.
 */
export function formatVersionTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: OFFICE_TIME_ZONE,
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}
