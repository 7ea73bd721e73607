import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Int64, SingleTenant, type JsonObject } from './common.js';

/** Start by process id (and version) or by definition key, as the v2 API allows. */
export class CreateProcessInstanceDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  processDefinitionId?: string;

  /** -1 or absent: the latest version. */
  @IsOptional()
  @IsInt()
  processDefinitionVersion?: number;

  @IsOptional()
  @IsString()
  processDefinitionKey?: string;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  @IsOptional()
  @SingleTenant()
  tenantId?: string;

  @Int64()
  @IsOptional()
  @IsInt()
  operationReference?: number;

  @IsOptional()
  @IsArray()
  startInstructions?: unknown[];

  @IsOptional()
  @IsArray()
  runtimeInstructions?: unknown[];

  @IsOptional()
  @IsBoolean()
  awaitCompletion?: boolean;

  @IsOptional()
  @IsArray()
  fetchVariables?: string[];

  @Int64()
  @IsOptional()
  @IsInt()
  @Min(0)
  requestTimeout?: number;

  @IsOptional()
  @IsArray()
  tags?: string[];
}

/** Body of cancellation and incident resolution: only an idempotency reference, ignored here. */
export class OperationReferenceDto {
  @Int64()
  @IsOptional()
  @IsInt()
  operationReference?: number;
}

export class MappingInstructionDto {
  @IsString()
  @IsNotEmpty()
  sourceElementId!: string;

  @IsString()
  @IsNotEmpty()
  targetElementId!: string;
}

export class MigrateProcessInstanceDto {
  @IsString()
  @IsNotEmpty()
  targetProcessDefinitionKey!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MappingInstructionDto)
  mappingInstructions!: MappingInstructionDto[];

  @Int64()
  @IsOptional()
  @IsInt()
  operationReference?: number;
}
