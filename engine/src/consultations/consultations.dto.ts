import { ApiProperty } from '@nestjs/swagger';
import { iso, isoOrNull } from '../web/response-values.js';
import type { ConsultationView } from './consultations.service.js';

/** A consultation request as both agencies see it; the engine's job, instance and element stay internal. */
export class ConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty() dossierCode!: string;
  @ApiProperty({ type: String, nullable: true }) procedureName!: string | null;
  @ApiProperty() applicantName!: string;
  @ApiProperty() requestingAgency!: string;
  @ApiProperty() consultedAgency!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['open', 'answered'] }) status!: 'open' | 'answered';
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who answered: an account id, or `<peer>#<id>` for an officer of a peer instance' }) answeredBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the late request was escalated to the consulted agency’s leaders' }) escalatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) escalatedTo!: string | null;
  @ApiProperty({ description: 'Open past its due time' }) late!: boolean;
}

export function toConsultationDto(view: ConsultationView): ConsultationDto {
  return {
    id: view.id,
    dossierId: view.dossierId,
    dossierCode: view.dossierCode,
    procedureName: view.procedureName,
    applicantName: view.applicantName,
    requestingAgency: view.requestingAgency,
    consultedAgency: view.consultedAgency,
    question: view.question,
    requestedAt: iso(view.requestedAt),
    dueAt: iso(view.dueAt),
    status: view.status as ConsultationDto['status'],
    answer: view.answer,
    answeredBy: view.answeredBy,
    answeredByName: view.answeredByName,
    answeredAt: isoOrNull(view.answeredAt),
    escalatedAt: isoOrNull(view.escalatedAt),
    escalatedTo: view.escalatedTo,
    late: view.late,
  };
}
