import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_STATUSES, type DossierStatus } from './dossier-status.js';
import type { FormSchema } from './form-validation.js';
import type { WorkItem, WorkPage } from './tasks.service.js';

export class WorkItemDossierDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) procedureName!: string | null;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ enum: ALL_STATUSES, enumName: 'DossierStatus' }) status!: DossierStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The national public service portal’s code (MaHoSo) of a dossier filed there' }) nationalPortalCode!: string | null;
}

/** One open step of the worklist. */
export class WorkItemDto {
  @ApiProperty() userTaskKey!: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty() elementId!: string;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiPropertyOptional({ description: 'The officer holding the step' }) assignee?: string;
  @ApiProperty({ format: 'date-time' }) handedOverAt!: string;
  @ApiPropertyOptional({ description: 'ISO 8601 duration of the step, from the model' }) stepDuration?: string;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional({ enum: ['on_time', 'due_soon', 'late'] }) deadlineState?: 'on_time' | 'due_soon' | 'late';
  @ApiProperty({ type: WorkItemDossierDto }) dossier!: WorkItemDossierDto;
}

export function toWorkItemDto(item: WorkItem): WorkItemDto {
  return {
    userTaskKey: item.userTaskKey,
    ...(item.name !== undefined ? { name: item.name } : {}),
    elementId: item.elementId,
    candidateGroups: item.candidateGroups,
    ...(item.assignee !== undefined ? { assignee: item.assignee } : {}),
    handedOverAt: item.handedOverAt,
    ...(item.stepDuration !== undefined ? { stepDuration: item.stepDuration } : {}),
    ...(item.dueAt !== undefined ? { dueAt: item.dueAt } : {}),
    ...(item.deadlineState !== undefined ? { deadlineState: item.deadlineState } : {}),
    dossier: { ...item.dossier, status: item.dossier.status as DossierStatus },
  };
}

export class WorkPageDto {
  @ApiProperty({ type: [WorkItemDto] }) items!: WorkItemDto[];
  @ApiPropertyOptional({ description: 'Pass back as `after` for the next page; absent on the last page' }) next?: string;
}

export function toWorkPageDto(page: WorkPage): WorkPageDto {
  return { items: page.items.map(toWorkItemDto), ...(page.next ? { next: page.next } : {}) };
}

export class TaskDetailDto extends WorkItemDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'form-js schema of the step’s form' }) form?: FormSchema;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The process instance’s variables' }) variables!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the form starts with: its own fields empty, the process’s other values as people read them',
  })
  formData!: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'Kind of the draft (`result`, `refusal`) that approving this step signs with the leader’s own key: completing it with the approval needs her `signingPin`',
  })
  approvalSigns?: string;
}

export function toTaskDetailDto(
  task: WorkItem & { form?: FormSchema; variables: Record<string, unknown>; formData: Record<string, unknown>; approvalSigns?: string },
): TaskDetailDto {
  return {
    ...toWorkItemDto(task),
    ...(task.form ? { form: task.form } : {}),
    variables: task.variables,
    formData: task.formData,
    ...(task.approvalSigns ? { approvalSigns: task.approvalSigns } : {}),
  };
}
