import { sql } from 'drizzle-orm';
import type { Executor } from '../database/database.js';
import { documentRegisters } from './dossier.schema.js';

/**
 * Abbreviation of each kind's name for the reference number (ký hiệu): the kind's initials, then
 * the issuing agency's code (Decree 30/2020/NĐ-CP, Appendix I: "Số: 15/QĐ-UBND").
 */
const KIND_ABBREVIATIONS: Readonly<Record<string, string>> = {
  receipt: 'TNHS',
  supplementRequest: 'YCBS',
  refusal: 'TC',
  apology: 'XL',
  stopNotice: 'DXL',
  controlSheet: 'KSHS',
  result: 'KQ',
};

export interface RegisteredNumber {
  /** Order of the document in the year at its agency, from 1. */
  readonly sequence: number;
  /** As printed: "05/TNHS-UBND-XA-HH" (numbers below 10 take a leading zero). */
  readonly reference: string;
}

/**
 * The next number of an agency's register for a document kind and year. The upsert makes
 * concurrent issues queue on the counter row, so two documents never share a number.
 */
export async function nextRegisteredNumber(db: Executor, request: { agencyCode: string; kind: string; year: number }): Promise<RegisteredNumber> {
  const [row] = await db
    .insert(documentRegisters)
    .values({ ...request, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentRegisters.agencyCode, documentRegisters.kind, documentRegisters.year],
      set: { lastNumber: sql`${documentRegisters.lastNumber} + 1` },
    })
    .returning({ lastNumber: documentRegisters.lastNumber });
  const sequence = row.lastNumber;
  return { sequence, reference: formatReference(sequence, request.kind, request.agencyCode) };
}

export function formatReference(sequence: number, kind: string, agencyCode: string): string {
  const abbreviation = KIND_ABBREVIATIONS[kind] ?? kind.toUpperCase();
  return `${String(sequence).padStart(2, '0')}/${abbreviation}-${agencyCode}`;
}
