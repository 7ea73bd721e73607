import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { iso, isoOrNull } from '../web/response-values.js';
import type { FeedbackRecord } from './feedback.schema.js';

/** A signed-in citizen's feedback: about one of his dossiers, or a procedure / agency. */
export class FileFeedbackDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of the caller’s dossiers; its agency answers.' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ description: 'The agency that should answer; required without a dossier.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string;

  @ApiPropertyOptional({ description: 'National code of the procedure concerned, e.g. 1.001193.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  procedureCode?: string;

  @ApiPropertyOptional({ description: 'Where the answer goes; default: the account’s e-mail.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty({ message: 'content must say what the feedback is about' })
  @MaxLength(4000)
  content!: string;
}

/** Anonymous feedback: a name and a contact instead of an account, and no dossier. */
export class FileAnonymousFeedbackDto {
  @ApiProperty({ description: 'The agency that should answer.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  agencyCode!: string;

  @ApiPropertyOptional({ description: 'National code of the procedure concerned.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  procedureCode?: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 200, description: 'Phone number or e-mail address for the answer.' })
  @IsString()
  @IsNotEmpty({ message: 'contact is required: a phone number or an e-mail address for the answer' })
  @MaxLength(200)
  contact!: string;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty({ message: 'content must say what the feedback is about' })
  @MaxLength(4000)
  content!: string;
}

export class AnswerFeedbackDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty({ message: 'answer must not be empty' })
  @MaxLength(4000)
  answer!: string;
}

export class FeedbackListQuery {
  @ApiPropertyOptional({ description: 'Supervisors: one agency (leaders always get their own).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string;

  @ApiPropertyOptional({ enum: ['all', 'unanswered'], description: 'Default: all.' })
  @IsOptional()
  @IsIn(['all', 'unanswered'])
  show?: 'all' | 'unanswered';
}

export class FeedbackDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'What the citizen quotes to follow it up' }) code!: string;
  @ApiProperty() agencyCode!: string;
  @ApiProperty({ description: 'The agency’s name as the directory gives it' }) agencyName!: string;
  @ApiProperty({ type: String, nullable: true }) procedureCode!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) dossierId!: string | null;
  @ApiProperty() authorName!: string;
  @ApiProperty() contact!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Answer due by, on the working calendar' }) dueAt!: string;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who answered, by name' }) answeredByName!: string | null;
  @ApiProperty({ enum: ['open', 'overdue', 'answered', 'answered_late'] }) state!: 'open' | 'overdue' | 'answered' | 'answered_late';
}

export class FeedbackListDto {
  @ApiProperty({ type: [FeedbackDto] }) items!: FeedbackDto[];
}

export function toFeedbackDto(row: FeedbackRecord, agencyName: string, now: Date): FeedbackDto {
  const state = row.answeredAt ? (row.answeredAt > row.dueAt ? 'answered_late' : 'answered') : now > row.dueAt ? 'overdue' : 'open';
  return {
    id: row.id,
    code: row.code,
    agencyCode: row.agencyCode,
    agencyName,
    procedureCode: row.procedureCode,
    dossierId: row.dossierId,
    authorName: row.authorName,
    contact: row.contact,
    content: row.content,
    receivedAt: iso(row.receivedAt),
    dueAt: iso(row.dueAt),
    answer: row.answer,
    answeredAt: isoOrNull(row.answeredAt),
    answeredByName: row.answeredByName,
    state,
  };
}
