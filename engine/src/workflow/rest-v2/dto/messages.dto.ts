import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { Int64, SingleTenant, type JsonObject } from './common.js';

export class PublishMessageDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsOptional()
  @IsString()
  correlationKey?: string;

  /** How long the message waits for a subscription, ms. */
  @Int64()
  @IsOptional()
  @IsInt()
  @Min(0)
  timeToLive?: number;

  @IsOptional()
  @IsString()
  messageId?: string;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  @IsOptional()
  @SingleTenant()
  tenantId?: string;
}

/** Body of POST /v2/messages/correlation: a message for the subscriptions waiting now, not buffered. */
export class CorrelateMessageDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsOptional()
  @IsString()
  correlationKey?: string;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  @IsOptional()
  @SingleTenant()
  tenantId?: string;
}
