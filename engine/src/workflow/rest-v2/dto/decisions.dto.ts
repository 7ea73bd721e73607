import { IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';
import { SingleTenant, type JsonObject } from './common.js';

/** Body of POST /v2/decision-definitions/evaluation: a decision by id (latest version) or by key. */
export class EvaluateDecisionDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  decisionDefinitionId?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  decisionDefinitionKey?: string;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  @IsOptional()
  @SingleTenant()
  tenantId?: string;
}
