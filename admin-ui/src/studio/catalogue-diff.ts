import { formatMoney } from '../dossier/format.js';
import type { MessageKey } from '../i18n/vi.js';
import type { Translate } from '../i18n/i18n.js';

/**
 * The server's diff names a changed catalogue value by its path in procedure.json
 * (engine/src/procedures/bundle-diff.ts: `name`, `agency.code`, `processingTime.legal.value`, `fees`).
 * These are the labels the catalogue tab gives them, longest path first.
 */
const LABELS: [string, MessageKey][] = [
  ['processingTime.legal', 'diff.catalogue.legalTime'],
  ['processingTime.reduced', 'diff.catalogue.reducedTime'],
  ['processingTime', 'catalogue.time'],
  ['agency.code', 'catalogue.agencyCode'],
  ['agency.name', 'catalogue.agencyName'],
  ['offeredBy.level', 'diff.catalogue.offeredLevel'],
  ['offeredBy', 'diff.catalogue.offeredBy'],
  ['name', 'catalogue.name'],
  ['code', 'catalogue.code'],
  ['slug', 'create.slug'],
  ['field', 'catalogue.field'],
  ['level', 'catalogue.level'],
  ['resultType', 'catalogue.resultType'],
  ['onlineMode', 'catalogue.onlineMode'],
  ['supplementPolicy', 'catalogue.supplementPolicy'],
  ['maxSupplementRequests', 'diff.catalogue.maxSupplementRequests'],
  ['sameDayCutoff', 'diff.catalogue.sameDayCutoff'],
  ['fees', 'catalogue.fees'],
  ['requiredDocuments', 'catalogue.documents'],
  ['consultedAgencies', 'catalogue.consulted'],
  ['legalBasis', 'diff.catalogue.legalBasis'],
  ['applicationForm', 'diff.catalogue.applicationForm'],
  ['mainProcess', 'diff.catalogue.mainProcess'],
  ['models', 'diff.catalogue.models'],
  ['forms', 'diff.catalogue.forms'],
  ['templates', 'diff.catalogue.templates'],
  ['decisions', 'diff.catalogue.decisions'],
];

/** The label of a changed catalogue value; a path no label knows is shown as it is. */
export function catalogueLabel(path: string, t: Translate): string {
  const known = LABELS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`));
  return known ? t(known[1]) : path;
}

const LEVELS = new Set(['province', 'district', 'commune']);
const UNITS = new Set(['workingDays', 'workingHours']);

type Item = Record<string, unknown>;
const isItem = (value: unknown): value is Item => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A catalogue value as the catalogue tab shows it: option labels, working times, amounts in đồng, lists by their names. */
export function catalogueValue(path: string, value: unknown, t: Translate, locale: string): string {
  if (value === undefined || value === null || value === '') return '—';
  const top = path.split('.')[0];
  if (typeof value === 'boolean') return t(value ? 'diff.yes' : 'diff.no');
  if (typeof value === 'string') {
    if (top === 'onlineMode' && ['full', 'partial', 'none'].includes(value)) return t(`portal.online.${value as 'full' | 'partial' | 'none'}`);
    if (top === 'supplementPolicy' && ['resume', 'restart'].includes(value)) return t(`catalogue.supplement.${value as 'resume' | 'restart'}`);
    if ((path === 'level' || path === 'offeredBy.level') && LEVELS.has(value)) return t(`level.${value as 'province' | 'district' | 'commune'}`);
    if (path.endsWith('.unit') && UNITS.has(value)) return t(`diff.unit.${value as 'workingDays' | 'workingHours'}`);
    return value;
  }
  if (typeof value === 'number') return value.toLocaleString(locale);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => listItem(top, item, t, locale)).join('; ');
  if (isItem(value) && typeof value.value === 'number' && UNITS.has(value.unit as string)) {
    return t(`unit.${value.unit as 'workingDays' | 'workingHours'}`, { n: value.value.toLocaleString(locale) });
  }
  if (isItem(value) && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
}

function listItem(list: string, item: unknown, t: Translate, locale: string): string {
  if (!isItem(item)) return String(item);
  const name = typeof item.name === 'string' ? item.name : JSON.stringify(item);
  if (list === 'fees' && typeof item.amount === 'number') return `${name}: ${formatMoney(locale, item.amount)}`;
  if (list === 'requiredDocuments') {
    const counts = t('diff.documentCounts', { originals: Number(item.originals ?? 0), copies: Number(item.copies ?? 0) });
    return `${name} (${counts}${item.mandatory === true ? `, ${t('catalogue.mandatory').toLocaleLowerCase(locale)}` : ''})`;
  }
  return name;
}
