import { and, eq, inArray, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { dossiers } from './dossier.schema.js';
import { FINAL_STATUSES, type DossierStatus } from './dossier-status.js';
import type { DueWithin } from './dossier-list.query.js';

/** What a dossier list may be narrowed to, on top of what the caller may see. */
export interface DossierFilter {
  statuses?: readonly DossierStatus[];
  procedureCode?: string;
  /** Part of the code or of the applicant's name, compared without accents or case. */
  search?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  dueWithin?: DueWithin;
  /** The platform's now, for dueWithin. */
  now: Date;
}

/**
 * Vietnamese letters with diacritics and their base letter, both cases. Folded with translate():
 * the unaccent extension is not available on every backend (PGlite), and lower() outside ASCII
 * depends on the database's locale.
 */
const ACCENTED = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const BASE = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';
const FROM = ACCENTED + ACCENTED.toUpperCase();
const TO = BASE + BASE.toUpperCase();

/** The same folding in JavaScript, for the search text. */
export function foldVietnamese(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const at = FROM.indexOf(char);
    out += at >= 0 ? TO[at] : char;
  }
  // Combining marks left by letters outside the table (decomposed input).
  return out.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function folded(column: typeof dossiers.code | typeof dossiers.applicantName): SQL {
  return sql`lower(translate(${column}, ${FROM}, ${TO}))`;
}

export function filterConditions(filter: DossierFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.statuses && filter.statuses.length > 0) conditions.push(inArray(dossiers.status, [...filter.statuses]));
  if (filter.procedureCode) conditions.push(eq(dossiers.procedureCode, filter.procedureCode));
  const search = filter.search ? foldVietnamese(filter.search).trim().replace(/\s+/g, ' ') : '';
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${folded(dossiers.code)} like ${pattern} or ${folded(dossiers.applicantName)} like ${pattern})`);
  }
  // Not yet received (an online submission waiting at reception): the submission time counts.
  const received = sql`coalesce(${dossiers.receivedAt}, ${dossiers.createdAt})`;
  if (filter.receivedFrom) conditions.push(sql`${received} >= ${instant(filter.receivedFrom)}`);
  if (filter.receivedTo) conditions.push(sql`${received} <= ${instant(filter.receivedTo)}`);
  if (filter.dueWithin) {
    // As the deadline badges count: a stopped clock (supplement requested) is judged when it stopped.
    const at = sql`coalesce(${dossiers.pausedAt}, ${instant(filter.now)})`;
    const open = and(isNull(dossiers.finishedAt), notInArray(dossiers.status, [...FINAL_STATUSES]))!;
    conditions.push(
      filter.dueWithin === 'late'
        ? and(open, sql`${at} > ${dossiers.dueDate}`)!
        : and(open, sql`${at} > ${dossiers.warningDate}`, sql`${at} <= ${dossiers.dueDate}`)!,
    );
  }
  return conditions;
}

/** A bound timestamp both drivers read the same way. */
function instant(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}
