import type { LocalDateParts } from '../documents/vietnamese-format.js';
import { localDateParts, vietnameseDate, vietnameseDateTime } from '../documents/vietnamese-format.js';
import type { DocumentAgency } from '../documents/agency-directory.js';
import type { Variables } from '../workflow/workflow-engine.port.js';
import type { DossierRecord } from './dossier.schema.js';
import type { VersionModel } from './procedure-versions.js';

/** Titles of the signers as the signature block prints them. */
const SIGNER_TITLES: Readonly<Record<string, string>> = { leader: 'THỦ TRƯỞNG CƠ QUAN', clerk: 'VĂN THƯ', reception: 'CÔNG CHỨC TIẾP NHẬN HỒ SƠ' };

const SEX: Readonly<Record<string, string>> = { nam: 'Nam', nu: 'Nữ' };

export interface DocumentFacts {
  readonly dossier: DossierRecord;
  readonly model: VersionModel;
  readonly variables: Variables;
  readonly now: Date;
  readonly utcOffsetMinutes: number;
  /** The competent agency, with its heading facts and the unit that received the dossier. */
  readonly agency: DocumentAgency & { readonly code: string; readonly name: string; readonly receptionUnit: string };
  /** Number and symbol from the agency's register; absent for documents that carry none. */
  readonly number?: string;
  /** The document's order in its register for the year (the receipt's is the dossier's line in the tracking book). */
  readonly sequence?: number;
  /** Roles that will sign the document digitally, in order; empty for an unsigned document. */
  readonly signerRoles: readonly string[];
  /** Role printed in the signature block, and the real name of its holder. */
  readonly signer: { readonly role: string; readonly fullName: string };
  /** The appointment given at receipt, when a later one replaced it (apology letters). */
  readonly originalDueDate?: Date | null;
  /** The public lookup page's address, printed on the receipt beside the code. */
  readonly lookupUrl?: string;
}

/**
 * What templates see: the process variables, and the dossier, agency, applicant and signer as
 * printed. Every date is written the Vietnamese way ("ngày 05 tháng 02 năm 2026"), never ISO.
 */
export function documentTemplateData(facts: DocumentFacts): Record<string, unknown> {
  const { dossier, model, variables, utcOffsetMinutes: offset } = facts;
  const time = model.catalogue.processingTime.reduced ?? model.catalogue.processingTime.legal;
  const agency = facts.agency;
  const date: LocalDateParts = localDateParts(facts.now, offset);
  const receptionUnit = agency.receptionUnit;
  // At receipt the appointment is handed to the model before the dossier's row holds it.
  const appointment = dossier.dueDate ?? (typeof variables.dueDate === 'string' ? new Date(variables.dueDate) : undefined);
  const dueDate = appointment ? vietnameseDateTime(appointment, offset) : '';
  return {
    ...variables,
    ...printedVariables(variables, offset),
    applicant: dossier.applicant ?? { fullName: dossier.applicantName },
    application: printedApplication(dossier.application, offset),
    agency,
    dossier: {
      code: dossier.code,
      procedureName: dossier.procedureName,
      procedureCode: dossier.procedureCode,
      channel: dossier.channel,
      receivedAt: vietnameseDateTime(dossier.receivedAt ?? dossier.createdAt, offset),
      dueDate,
      originalDueDate: facts.originalDueDate ? vietnameseDateTime(facts.originalDueDate, offset) : dueDate,
      processingTime: `${time.value} ${time.unit === 'workingDays' ? 'ngày làm việc' : 'giờ làm việc'}`,
      documents: model.catalogue.requiredDocuments
        .filter((d) => d.filledOnline || dossier.attachments.some((a) => a.document === d.name))
        .map((d, i) => ({ no: i + 1, name: d.name, form: d.filledOnline && !dossier.attachments.some((a) => a.document === d.name) ? 'Khai trực tuyến' : documentForm(d.originals, d.copies), note: d.note ?? '' })),
      copies: 1,
      returnPlace: receptionUnit,
      // The tracking book (sổ theo dõi hồ sơ) is kept per year; a receipt's register line is the dossier's.
      registerBook: String(date.year),
      registerNumber: facts.sequence ?? '',
      lookupUrl: facts.lookupUrl ?? '',
    },
    document: {
      date: { day: pad(date.day), month: date.month <= 2 ? pad(date.month) : String(date.month), year: String(date.year) },
      dateText: vietnameseDate(facts.now, offset),
      place: facts.agency.place,
      ...(facts.number ? { number: facts.number } : {}),
      signed: facts.signerRoles.length > 0,
    },
    signer: {
      authority: agency.name.toUpperCase(),
      title: SIGNER_TITLES[facts.signer.role] ?? SIGNER_TITLES.leader,
      fullName: facts.signer.fullName,
      // The leader signs as a deputy for the head ("KT."), as the appraisal proposed (variable kyThay).
      onBehalf: facts.signer.role === 'leader' && variables.kyThay === true,
    },
    recipients: [`Ông/bà ${dossier.applicant?.fullName ?? dossier.applicantName ?? ''}`.trim(), 'Lưu: VT, hồ sơ.'],
  };
}

function documentForm(originals: number, copies: number): string {
  return [originals > 0 ? `${originals} bản chính` : '', copies > 0 ? `${copies} bản sao` : ''].filter(Boolean).join(', ');
}

/** The application as printed: dates in words, coded choices by their label. */
function printedApplication(application: unknown, offset: number): Record<string, unknown> {
  const data = isRecord(application) ? { ...application } : {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) data[key] = vietnameseDate(value.slice(0, 10), offset).replace(/^ngày /, '');
  }
  // Every sex field (gioiTinh, chuHoGioiTinh…) also in words, under <key>Text.
  for (const [key, value] of Object.entries(data)) {
    if (/gioiTinh$/i.test(key) && typeof value === 'string') data[`${key}Text`] = SEX[value] ?? value;
  }
  return data;
}

/** Dates officers enter in task forms (a new appointment, a signing date) in words as well. */
function printedVariables(variables: Variables, offset: number): Record<string, unknown> {
  const printed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(variables)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) printed[key] = vietnameseDate(value, offset);
  }
  return printed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
