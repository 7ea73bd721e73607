import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { iso, isoOrNull } from '../web/response-values.js';
import type { AlertRecord, AppointmentRecord, ControlEntryRecord, DocumentHistoryRecord, DocumentRecord, DossierRecord, HistoryRecord, PauseRecord } from './dossier.schema.js';
import { ALL_STATUSES, STATUS_LABELS, type DossierStatus } from './dossier-status.js';
import { ApplicantDto, AttachmentDto } from './dossiers.dto.js';

const nullableString = { type: String, nullable: true } as const;
const nullableDate = { type: String, format: 'date-time', nullable: true } as const;
const date = { type: String, format: 'date-time' } as const;

/** A dossier as every dossier route answers it; the start-claim and idempotency columns stay internal. */
export class DossierDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Receipt code, e.g. SXD-250612-0001' }) code!: string;
  @ApiProperty({ description: 'National code of the procedure' }) procedureCode!: string;
  @ApiProperty(nullableString) procedureSlug!: string | null;
  @ApiProperty({ type: Number, nullable: true }) procedureVersion!: number | null;
  @ApiProperty(nullableString) procedureName!: string | null;
  @ApiProperty({ description: 'Agency handling the dossier' }) agencyCode!: string;
  @ApiProperty({ ...nullableString, description: 'The centre that received it at the counter, when not the competent agency' }) receivingAgencyCode!: string | null;
  @ApiProperty({ ...nullableString, description: 'Applicant’s account; null for a counter dossier without one' }) applicantUserId!: string | null;
  @ApiProperty() applicantName!: string;
  @ApiProperty(nullableString) applicantIdNumber!: string | null;
  @ApiProperty({ enum: ALL_STATUSES, enumName: 'DossierStatus' }) status!: DossierStatus;
  @ApiProperty({ enum: ['online', 'counter', 'post'] }) channel!: 'online' | 'counter' | 'post';
  @ApiProperty({ type: ApplicantDto, nullable: true }) applicant!: ApplicantDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Values of the application form' }) application!: Record<string, unknown>;
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
  @ApiProperty() hasFee!: boolean;
  @ApiProperty({ enum: ['none', 'pending', 'started', 'failed'], description: 'Whether the process has started; failed means every attempt was refused' })
  startState!: 'none' | 'pending' | 'started' | 'failed';
  @ApiProperty() startAttempts!: number;
  @ApiProperty(nullableString) startLastError!: string | null;
  @ApiProperty(nullableString) processInstanceKey!: string | null;
  @ApiProperty(date) createdAt!: string;
  @ApiProperty(date) updatedAt!: string;
  @ApiProperty(nullableDate) receivedAt!: string | null;
  @ApiProperty({ ...nullableDate, description: 'Appointment for the result; an apology never moves it' }) dueDate!: string | null;
  @ApiProperty({ ...nullableDate, description: 'The new appointment of the dossier’s apology letter' }) rescheduledDueDate!: string | null;
  @ApiProperty(nullableDate) warningDate!: string | null;
  @ApiProperty({ ...nullableDate, description: 'Set while the clock is stopped' }) pausedAt!: string | null;
  @ApiProperty(nullableDate) finishedAt!: string | null;
}

export function toDossierDto(row: Omit<DossierRecord, 'idempotencyKey'>): DossierDto {
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedureCode,
    procedureSlug: row.procedureSlug,
    procedureVersion: row.procedureVersion,
    procedureName: row.procedureName,
    agencyCode: row.agencyCode,
    receivingAgencyCode: row.receivingAgencyCode,
    applicantUserId: row.applicantUserId,
    applicantName: row.applicantName,
    applicantIdNumber: row.applicantIdNumber,
    status: row.status as DossierStatus,
    channel: row.channel as DossierDto['channel'],
    applicant: row.applicant,
    application: row.application,
    attachments: row.attachments,
    hasFee: row.hasFee,
    startState: row.startState as DossierDto['startState'],
    startAttempts: row.startAttempts,
    startLastError: row.startLastError,
    processInstanceKey: row.processInstanceKey,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    receivedAt: isoOrNull(row.receivedAt),
    dueDate: isoOrNull(row.dueDate),
    rescheduledDueDate: isoOrNull(row.rescheduledDueDate),
    warningDate: isoOrNull(row.warningDate),
    pausedAt: isoOrNull(row.pausedAt),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

export class DossierPageDto {
  @ApiProperty({ type: [DossierDto] }) items!: DossierDto[];
  @ApiPropertyOptional({ description: 'Pass back as `after` for the next page; absent on the last page' }) next?: string;
}

export function toDossierPageDto(page: { items: DossierRecord[]; next?: string }): DossierPageDto {
  return { items: page.items.map(toDossierDto), ...(page.next ? { next: page.next } : {}) };
}

export class PauseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [String] }) missingItems!: string[];
  @ApiProperty(date) startedAt!: string;
  @ApiProperty(nullableDate) endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Working minutes the clock stood still' }) workingMinutes!: number | null;
}

export function toPauseDto(row: PauseRecord): PauseDto {
  return { id: row.id, reason: row.reason, missingItems: row.missingItems, startedAt: iso(row.startedAt), endedAt: isoOrNull(row.endedAt), workingMinutes: row.workingMinutes };
}

export class AppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullableDate) previousDueDate!: string | null;
  @ApiProperty(date) newDueDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() responsibleUnit!: string;
  @ApiProperty(nullableString) issuedByName!: string | null;
  @ApiProperty(date) at!: string;
}

export function toAppointmentDto(row: AppointmentRecord): AppointmentDto {
  return {
    id: row.id,
    previousDueDate: isoOrNull(row.previousDueDate),
    newDueDate: iso(row.newDueDate),
    reason: row.reason,
    responsibleUnit: row.responsibleUnit,
    issuedByName: row.issuedByName,
    at: iso(row.at),
  };
}

export class FeePaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullableString) feeCode!: string | null;
  @ApiProperty({ description: 'In đồng' }) amount!: number;
  @ApiProperty({ description: 'cash, or the online gateway' }) method!: string;
  @ApiProperty(nullableString) receiptNumber!: string | null;
  @ApiProperty(nullableString) receivedByName!: string | null;
  @ApiProperty(date) paidAt!: string;
}

export function toFeePaymentDto(row: { id: string; feeCode: string | null; amount: number; method: string; receiptNumber: string | null; receivedByName: string | null; paidAt: Date }): FeePaymentDto {
  return { id: row.id, feeCode: row.feeCode, amount: row.amount, method: row.method, receiptNumber: row.receiptNumber, receivedByName: row.receivedByName, paidAt: iso(row.paidAt) };
}

export class DossierDetailDto extends DossierDto {
  @ApiProperty({ description: 'The competent agency’s name, as the agency directory gives it' }) agencyName!: string;
  @ApiProperty({ description: 'The status in Vietnamese' }) statusLabel!: string;
  @ApiProperty() clockStopped!: boolean;
  @ApiProperty() elapsedWorkingMinutes!: number;
  @ApiProperty({ type: [PauseDto] }) pauses!: PauseDto[];
  @ApiProperty({ type: [AppointmentDto] }) appointments!: AppointmentDto[];
  @ApiProperty({ type: [FeePaymentDto] }) feePayments!: FeePaymentDto[];
  @ApiProperty({ ...nullableString, description: 'The national public service portal’s code (MaHoSo) of a dossier filed there' }) nationalPortalCode!: string | null;
}

export function toDossierDetailDto(
  detail: Omit<DossierRecord, 'idempotencyKey'> & {
    statusLabel: string;
    clockStopped: boolean;
    elapsedWorkingMinutes: number;
    pauses: PauseRecord[];
    appointments: AppointmentRecord[];
    feePayments: Parameters<typeof toFeePaymentDto>[0][];
    nationalPortalCode: string | null;
  },
): DossierDetailDto {
  return {
    ...toDossierDto(detail),
    agencyName: AgencyDirectory.shared().nameOf(detail.agencyCode),
    statusLabel: detail.statusLabel,
    clockStopped: detail.clockStopped,
    elapsedWorkingMinutes: detail.elapsedWorkingMinutes,
    pauses: detail.pauses.map(toPauseDto),
    appointments: detail.appointments.map(toAppointmentDto),
    feePayments: detail.feePayments.map(toFeePaymentDto),
    nationalPortalCode: detail.nationalPortalCode,
  };
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALL_STATUSES, enumName: 'DossierStatus', nullable: true }) fromStatus!: DossierStatus | null;
  @ApiProperty({ enum: ALL_STATUSES, enumName: 'DossierStatus' }) toStatus!: DossierStatus;
  @ApiProperty(nullableString) fromLabel!: string | null;
  @ApiProperty() toLabel!: string;
  @ApiProperty(nullableString) actorName!: string | null;
  @ApiProperty(nullableString) elementId!: string | null;
  @ApiProperty(nullableString) elementName!: string | null;
  @ApiProperty(nullableString) note!: string | null;
  @ApiProperty(date) at!: string;
}

export function toHistoryEntryDto(row: HistoryRecord): HistoryEntryDto {
  const from = row.fromStatus as DossierStatus | null;
  const to = row.toStatus as DossierStatus;
  return {
    id: row.id,
    fromStatus: from,
    toStatus: to,
    fromLabel: from ? STATUS_LABELS[from] ?? from : null,
    toLabel: STATUS_LABELS[to] ?? to,
    actorName: row.actorName,
    elementId: row.elementId,
    elementName: row.elementName,
    note: row.note,
    at: iso(row.at),
  };
}

export class ControlEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() userTaskKey!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty(nullableString) elementName!: string | null;
  @ApiProperty(nullableString) receiverGroup!: string | null;
  @ApiProperty({ description: 'The unit holding the dossier during the step' }) unitAgencyCode!: string;
  @ApiProperty(nullableString) giverName!: string | null;
  @ApiProperty(date) handedOverAt!: string;
  @ApiProperty({ ...nullableString, description: 'ISO 8601 duration of the step, from the model' }) stepDuration!: string | null;
  @ApiProperty(nullableDate) dueAt!: string | null;
  @ApiProperty(nullableString) receiverName!: string | null;
  @ApiProperty(nullableDate) completedAt!: string | null;
  @ApiProperty(nullableString) outcome!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) onTime!: boolean | null;
  @ApiProperty({ type: Number, nullable: true }) lateMinutes!: number | null;
}

export function toControlEntryDto(row: ControlEntryRecord): ControlEntryDto {
  return {
    id: row.id,
    userTaskKey: row.userTaskKey,
    elementId: row.elementId,
    elementName: row.elementName,
    receiverGroup: row.receiverGroup,
    unitAgencyCode: row.unitAgencyCode,
    giverName: row.giverName,
    handedOverAt: iso(row.handedOverAt),
    stepDuration: row.stepDuration,
    dueAt: isoOrNull(row.dueAt),
    receiverName: row.receiverName,
    completedAt: isoOrNull(row.completedAt),
    outcome: row.outcome,
    onTime: row.onTime,
    lateMinutes: row.lateMinutes,
  };
}

export class DeadlineAlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'What is late: the dossier or one of its steps' }) subject!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ description: 'due_soon or late' }) level!: string;
  @ApiProperty() unitAgencyCode!: string;
  @ApiProperty(nullableString) unitGroup!: string | null;
  @ApiProperty(date) dueAt!: string;
  @ApiProperty(date) at!: string;
}

export function toDeadlineAlertDto(row: AlertRecord): DeadlineAlertDto {
  return { id: row.id, subject: row.subject, subjectId: row.subjectId, level: row.level, unitAgencyCode: row.unitAgencyCode, unitGroup: row.unitGroup, dueAt: iso(row.dueAt), at: iso(row.at) };
}

export class ControlSheetDto {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: [ControlEntryDto] }) entries!: ControlEntryDto[];
  @ApiProperty({ type: [DeadlineAlertDto] }) alerts!: DeadlineAlertDto[];
}

export class SignatureDto {
  @ApiProperty({ description: 'leader, agency…' }) role!: string;
  @ApiProperty() agencyCode!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty(date) at!: string;
}

export class IssuedDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'receipt, refusal, result, apology…' }) kind!: string;
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ ...nullableString, description: 'Id of the public verification record (/verify/:id)' }) issuedDocumentId!: string | null;
  @ApiProperty() template!: string;
  @ApiProperty(nullableString) elementId!: string | null;
  @ApiProperty({ type: [String] }) signerRoles!: string[];
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
  @ApiProperty(date) createdAt!: string;
  @ApiProperty(date) updatedAt!: string;
}

/** The fields an issued document and a replaced version of it share. */
const SHARED_DOCUMENT_FIELDS = ['id', 'kind', 'fileId', 'issuedDocumentId', 'template', 'elementId', 'signatures', 'createdAt'] as const;

function sharedDocumentFields(row: DocumentRecord | DocumentHistoryRecord): Pick<IssuedDocumentDto, (typeof SHARED_DOCUMENT_FIELDS)[number]> {
  return {
    id: row.id,
    kind: row.kind,
    fileId: row.fileId,
    issuedDocumentId: row.issuedDocumentId,
    template: row.template,
    elementId: row.elementId,
    signatures: row.signatures,
    createdAt: iso(row.createdAt),
  };
}

export function toIssuedDocumentDto(row: DocumentRecord): IssuedDocumentDto {
  return { ...sharedDocumentFields(row), signerRoles: row.signerRoles, updatedAt: iso(row.updatedAt) };
}

/** A version of a document that a later issue replaced (kept in the dossier's history). */
export class ReplacedDocumentDto extends PickType(IssuedDocumentDto, SHARED_DOCUMENT_FIELDS) {
  @ApiProperty(date) replacedAt!: string;
}

export function toReplacedDocumentDto(row: DocumentHistoryRecord): ReplacedDocumentDto {
  return { ...sharedDocumentFields(row), replacedAt: iso(row.replacedAt) };
}

export class DossierDiagramDto {
  @ApiProperty({ description: 'BPMN 2.0 XML of the dossier’s procedure version' }) xml!: string;
  @ApiProperty({ type: [String] }) activeElementIds!: string[];
  @ApiProperty({ type: [String] }) completedElementIds!: string[];
}
