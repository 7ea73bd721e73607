import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';
import type { JsonObject } from './common.js';

export class AssignUserTaskDto {
  @IsString()
  @IsNotEmpty()
  assignee!: string;

  /** False refuses a task that someone else already holds. Default true. */
  @IsOptional()
  @IsBoolean()
  allowOverride?: boolean;

  /** Custom action name for task listeners; the embedded engine has none. */
  @IsOptional()
  @IsString()
  action?: string;
}

export class CompleteUserTaskDto {
  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  @IsOptional()
  @IsString()
  action?: string;
}
