import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The answers of /v2 in the shapes of Camunda 8's REST API v2 (the OpenAPI document the official
 * clients are generated from, @camunda8/orchestration-cluster-api). The representations in
 * ../representations.ts are the mappers. A field marked "8.9" is absent in 8.8 and null-able in
 * 8.9; an optional nullable field is left out by 8.8 and null in 8.9 when it has no value.
 */

const key = (description?: string) => ({ type: String, description: description ?? 'int64 key as a decimal string', example: '2251799813685249' });
const maybe = (extra: Record<string, unknown> = {}) => ({ type: String, nullable: true, ...extra });
const since89 = (extra: Record<string, unknown> = {}) => ({ type: String, nullable: true, description: 'Camunda 8.9 only', ...extra });
const tenant = { example: '<default>', description: 'The embedded engine is single-tenant' };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

/** RFC 9457 problem detail, as every Camunda 8 REST endpoint answers errors. */
export class ProblemDetailDto {
  @ApiProperty({ example: 'about:blank' }) type!: string;
  @ApiProperty({ example: 'NOT_FOUND', description: 'The rejection type' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ example: '/v2/process-instances/1' }) instance!: string;
}

export class SearchPageResultDto {
  @ApiProperty() totalItems!: number;
  @ApiProperty() hasMoreTotalItems!: boolean;
  @ApiPropertyOptional(maybe()) startCursor?: string | null;
  @ApiPropertyOptional(maybe()) endCursor?: string | null;
}

export class BrokerPartitionDto {
  @ApiProperty() partitionId!: number;
  @ApiProperty({ enum: ['leader', 'follower', 'inactive'] }) role!: string;
  @ApiProperty({ enum: ['healthy', 'unhealthy', 'dead'] }) health!: string;
}

export class BrokerInfoDto {
  @ApiProperty() nodeId!: number;
  @ApiProperty() host!: string;
  @ApiProperty() port!: number;
  @ApiProperty({ type: [BrokerPartitionDto] }) partitions!: BrokerPartitionDto[];
  @ApiProperty() version!: string;
}

export class TopologyResultDto {
  @ApiProperty({ type: [BrokerInfoDto] }) brokers!: BrokerInfoDto[];
  @ApiPropertyOptional(since89()) clusterId?: string | null;
  @ApiProperty() clusterSize!: number;
  @ApiProperty() partitionsCount!: number;
  @ApiProperty() replicationFactor!: number;
  @ApiProperty() gatewayVersion!: string;
  @ApiProperty() lastCompletedChangeId!: string;
}

export class DeploymentProcessResultDto {
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty() processDefinitionVersion!: number;
  @ApiProperty() resourceName!: string;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty(key()) processDefinitionKey!: string;
}

export class DeploymentDecisionResultDto {
  @ApiProperty() decisionDefinitionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty() decisionRequirementsId!: string;
  @ApiProperty(key()) decisionDefinitionKey!: string;
  @ApiProperty(key()) decisionRequirementsKey!: string;
}

export class DeploymentDecisionRequirementsResultDto {
  @ApiProperty() decisionRequirementsId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() decisionRequirementsName!: string;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty() resourceName!: string;
  @ApiProperty(key()) decisionRequirementsKey!: string;
}

/** One deployed resource: exactly one of the three is set. */
export class DeploymentMetadataResultDto {
  @ApiPropertyOptional({ type: DeploymentProcessResultDto, nullable: true }) processDefinition?: DeploymentProcessResultDto | null;
  @ApiPropertyOptional({ type: DeploymentDecisionResultDto, nullable: true }) decisionDefinition?: DeploymentDecisionResultDto | null;
  @ApiPropertyOptional({ type: DeploymentDecisionRequirementsResultDto, nullable: true }) decisionRequirements?: DeploymentDecisionRequirementsResultDto | null;
  @ApiPropertyOptional({ ...anyObject, nullable: true, description: 'Never set: forms are not deployed here' }) form?: Record<string, unknown> | null;
  @ApiPropertyOptional({ ...anyObject, nullable: true, description: 'Never set' }) resource?: Record<string, unknown> | null;
}

export class DeploymentResultDto {
  @ApiProperty(key()) deploymentKey!: string;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty({ type: [DeploymentMetadataResultDto] }) deployments!: DeploymentMetadataResultDto[];
}

export class EvaluatedInputDto {
  @ApiProperty() inputId!: string;
  @ApiProperty() inputName!: string;
  @ApiProperty({ description: 'JSON text' }) inputValue!: string;
}

export class EvaluatedOutputDto {
  @ApiProperty() outputId!: string;
  @ApiProperty() outputName!: string;
  @ApiProperty({ description: 'JSON text' }) outputValue!: string;
  @ApiPropertyOptional(since89()) ruleId?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Camunda 8.9 only' }) ruleIndex?: number | null;
}

export class MatchedRuleDto {
  @ApiProperty() ruleId!: string;
  @ApiProperty() ruleIndex!: number;
  @ApiProperty({ type: [EvaluatedOutputDto] }) evaluatedOutputs!: EvaluatedOutputDto[];
}

export class EvaluatedDecisionDto {
  @ApiProperty() decisionDefinitionId!: string;
  @ApiProperty() decisionDefinitionName!: string;
  @ApiProperty() decisionDefinitionVersion!: number;
  @ApiProperty() decisionDefinitionType!: string;
  @ApiProperty({ description: 'JSON text' }) output!: string;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty({ type: [MatchedRuleDto] }) matchedRules!: MatchedRuleDto[];
  @ApiProperty({ type: [EvaluatedInputDto] }) evaluatedInputs!: EvaluatedInputDto[];
  @ApiProperty(key()) decisionDefinitionKey!: string;
  @ApiProperty() decisionEvaluationInstanceKey!: string;
}

export class EvaluateDecisionResultDto {
  @ApiProperty() decisionDefinitionId!: string;
  @ApiProperty() decisionDefinitionName!: string;
  @ApiProperty() decisionDefinitionVersion!: number;
  @ApiProperty() decisionRequirementsId!: string;
  @ApiProperty({ description: 'JSON text' }) output!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Empty in 8.8 and null in 8.9 when nothing failed' }) failedDecisionDefinitionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) failureMessage!: string | null;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty(key()) decisionDefinitionKey!: string;
  @ApiProperty(key()) decisionRequirementsKey!: string;
  @ApiProperty(key()) decisionEvaluationKey!: string;
  @ApiProperty(key()) decisionInstanceKey!: string;
  @ApiProperty({ type: [EvaluatedDecisionDto] }) evaluatedDecisions!: EvaluatedDecisionDto[];
}

export class CreateProcessInstanceResultDto {
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty() processDefinitionVersion!: number;
  @ApiProperty(key()) processDefinitionKey!: string;
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty({ ...anyObject, description: 'Empty: awaitCompletion is not supported' }) variables!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiPropertyOptional(since89()) businessId?: string | null;
}

export class ProcessInstanceResultDto {
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiProperty(key()) processDefinitionKey!: string;
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty() processDefinitionName!: string;
  @ApiProperty() processDefinitionVersion!: number;
  @ApiPropertyOptional(maybe()) processDefinitionVersionTag?: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED', 'TERMINATED'] }) state!: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  @ApiProperty({ format: 'date-time' }) startDate!: string;
  @ApiPropertyOptional(maybe({ format: 'date-time' })) endDate?: string | null;
  @ApiProperty() hasIncident!: boolean;
  @ApiProperty(tenant) tenantId!: string;
  @ApiPropertyOptional(maybe()) parentProcessInstanceKey?: string | null;
  @ApiPropertyOptional(maybe()) parentElementInstanceKey?: string | null;
  @ApiPropertyOptional(since89()) rootProcessInstanceKey?: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiPropertyOptional(since89()) businessId?: string | null;
}

export class ProcessInstanceSearchResultDto {
  @ApiProperty({ type: [ProcessInstanceResultDto] }) items!: ProcessInstanceResultDto[];
  @ApiProperty({ type: SearchPageResultDto }) page!: SearchPageResultDto;
}

export class ListenerUserTaskDto {
  @ApiProperty(key()) userTaskKey!: string;
  @ApiProperty({ description: 'assign or complete' }) action!: string;
  @ApiPropertyOptional() assignee?: string;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiProperty({ type: [String] }) candidateUsers!: string[];
  @ApiPropertyOptional({ format: 'date-time' }) dueDate?: string;
  @ApiPropertyOptional({ format: 'date-time' }) followUpDate?: string;
  @ApiPropertyOptional() formKey?: string;
  @ApiProperty({ type: [String] }) changedAttributes!: string[];
}

export class ActivatedJobResultDto {
  @ApiProperty(key()) jobKey!: string;
  @ApiProperty() type!: string;
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiPropertyOptional(since89()) rootProcessInstanceKey?: string | null;
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty() processDefinitionVersion!: number;
  @ApiProperty(key()) processDefinitionKey!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty(key()) elementInstanceKey!: string;
  @ApiProperty(stringMap) customHeaders!: Record<string, string>;
  @ApiProperty() worker!: string;
  @ApiProperty() retries!: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) deadline!: number;
  @ApiProperty(anyObject) variables!: Record<string, unknown>;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty({ enum: ['BPMN_ELEMENT', 'EXECUTION_LISTENER', 'TASK_LISTENER', 'AD_HOC_SUB_PROCESS'] }) kind!: string;
  @ApiProperty({ enum: ['UNSPECIFIED', 'START', 'END', 'CREATING', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'CANCELING'] }) listenerEventType!: string;
  @ApiPropertyOptional({ type: ListenerUserTaskDto, nullable: true }) userTask?: ListenerUserTaskDto | null;
  @ApiProperty({ type: [String] }) tags!: string[];
}

export class ActivateJobsResultDto {
  @ApiProperty({ type: [ActivatedJobResultDto] }) jobs!: ActivatedJobResultDto[];
}

export class UserTaskResultDto {
  @ApiProperty(key()) userTaskKey!: string;
  @ApiPropertyOptional(maybe()) name?: string | null;
  @ApiProperty({ enum: ['CREATED', 'ASSIGNING', 'COMPLETING', 'COMPLETED', 'CANCELED'] }) state!: string;
  @ApiPropertyOptional(maybe()) assignee?: string | null;
  @ApiProperty() elementId!: string;
  @ApiProperty(key()) elementInstanceKey!: string;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiProperty({ type: [String] }) candidateUsers!: string[];
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty(key()) processDefinitionKey!: string;
  @ApiPropertyOptional({ description: 'Absent when the process instance is gone' }) processDefinitionVersion?: number;
  @ApiPropertyOptional(maybe()) processName?: string | null;
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiPropertyOptional(since89()) rootProcessInstanceKey?: string | null;
  @ApiProperty({ format: 'date-time' }) creationDate!: string;
  @ApiPropertyOptional(maybe({ format: 'date-time' })) completionDate?: string | null;
  @ApiPropertyOptional(maybe({ format: 'date-time' })) dueDate?: string | null;
  @ApiPropertyOptional(maybe({ format: 'date-time' })) followUpDate?: string | null;
  @ApiProperty(tenant) tenantId!: string;
  @ApiProperty(stringMap) customHeaders!: Record<string, string>;
  @ApiPropertyOptional(maybe({ description: 'Key of a linked Camunda form' })) formKey?: string | null;
  @ApiPropertyOptional(maybe({ description: 'Any other form reference' })) externalFormReference?: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Camunda 8.9 only' }) tags?: string[] | null;
}

export class UserTaskSearchResultDto {
  @ApiProperty({ type: [UserTaskResultDto] }) items!: UserTaskResultDto[];
  @ApiProperty({ type: SearchPageResultDto }) page!: SearchPageResultDto;
}

export class MessagePublicationResultDto {
  @ApiProperty(key()) messageKey!: string;
  @ApiProperty(tenant) tenantId!: string;
}

export class MessageCorrelationResultDto {
  @ApiProperty(key()) messageKey!: string;
  @ApiProperty(key('The first process instance the message reached')) processInstanceKey!: string;
  @ApiProperty(tenant) tenantId!: string;
}

export class SignalBroadcastResultDto {
  @ApiProperty(key()) signalKey!: string;
  @ApiProperty(tenant) tenantId!: string;
}

export class IncidentResultDto {
  @ApiProperty(key()) incidentKey!: string;
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiPropertyOptional(since89()) rootProcessInstanceKey?: string | null;
  @ApiPropertyOptional(key()) processDefinitionKey?: string;
  @ApiPropertyOptional() processDefinitionId?: string;
  @ApiProperty() elementId!: string;
  @ApiProperty(key()) elementInstanceKey!: string;
  @ApiPropertyOptional(maybe()) jobKey?: string | null;
  @ApiProperty({ description: 'Zeebe’s error type, UNKNOWN for one the API does not define' }) errorType!: string;
  @ApiProperty() errorMessage!: string;
  @ApiProperty({ enum: ['ACTIVE', 'RESOLVED'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) creationTime!: string;
  @ApiProperty(tenant) tenantId!: string;
}

export class IncidentSearchResultDto {
  @ApiProperty({ type: [IncidentResultDto] }) items!: IncidentResultDto[];
  @ApiProperty({ type: SearchPageResultDto }) page!: SearchPageResultDto;
}

export class ElementInstanceResultDto {
  @ApiProperty(key()) elementInstanceKey!: string;
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiPropertyOptional(since89()) rootProcessInstanceKey?: string | null;
  @ApiProperty(key()) processDefinitionKey!: string;
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty() elementName!: string;
  @ApiProperty({ description: 'BPMN element type, e.g. USER_TASK; UNKNOWN for one the API does not define' }) type!: string;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED', 'TERMINATED'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) startDate!: string;
  @ApiPropertyOptional(maybe({ format: 'date-time' })) endDate?: string | null;
  @ApiProperty() hasIncident!: boolean;
  @ApiPropertyOptional(maybe()) incidentKey?: string | null;
  @ApiProperty(tenant) tenantId!: string;
}

export class ElementInstanceSearchResultDto {
  @ApiProperty({ type: [ElementInstanceResultDto] }) items!: ElementInstanceResultDto[];
  @ApiProperty({ type: SearchPageResultDto }) page!: SearchPageResultDto;
}

export class VariableResultDto {
  @ApiProperty(key('Stable digest of scope and name: for sorting and paging, not for a lookup')) variableKey!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'JSON text' }) value!: string;
  @ApiProperty() isTruncated!: boolean;
  @ApiProperty(key()) scopeKey!: string;
  @ApiProperty(key()) processInstanceKey!: string;
  @ApiPropertyOptional(since89()) rootProcessInstanceKey?: string | null;
  @ApiProperty(tenant) tenantId!: string;
}

export class VariableSearchResultDto {
  @ApiProperty({ type: [VariableResultDto] }) items!: VariableResultDto[];
  @ApiProperty({ type: SearchPageResultDto }) page!: SearchPageResultDto;
}
