import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Int64, SingleTenant, type JsonObject } from './common.js';

export class ActivateJobsDto {
  @IsString()
  @IsNotEmpty()
  type!: string;

  @IsOptional()
  @IsString()
  worker?: string;

  /** Lock time of the activated jobs, ms. */
  @Int64()
  @IsInt()
  @Min(1)
  timeout!: number;

  @IsInt()
  @Min(1)
  maxJobsToActivate!: number;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  fetchVariable?: string[];

  /** Long-polling time, ms: 0 = the server default, negative = answer at once. */
  @Int64()
  @IsOptional()
  @IsInt()
  requestTimeout?: number;

  @IsOptional()
  @IsArray()
  @SingleTenant(true)
  tenantIds?: string[];
}

export class CompleteJobDto {
  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  /** User-task listener results (corrections, denial) and ad-hoc sub-process results. */
  @IsOptional()
  @IsObject()
  result?: JsonObject;
}

export class FailJobDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  retries?: number;

  @IsOptional()
  @IsString()
  errorMessage?: string;

  @Int64()
  @IsOptional()
  @IsInt()
  @Min(0)
  retryBackOff?: number;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;
}

export class ThrowJobErrorDto {
  @IsString()
  @IsNotEmpty()
  errorCode!: string;

  @IsOptional()
  @IsString()
  errorMessage?: string;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;
}

export class JobChangesetDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  retries?: number;

  /** New lock time, ms. */
  @Int64()
  @IsOptional()
  @IsInt()
  timeout?: number;
}

export class UpdateJobDto {
  // Required by the Camunda 8 API; @ValidateNested alone lets a missing changeset through (class-validator skips undefined).
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => JobChangesetDto)
  changeset!: JobChangesetDto;

  @Int64()
  @IsOptional()
  @IsInt()
  operationReference?: number;
}
