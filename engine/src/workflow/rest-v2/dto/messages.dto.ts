import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';
import { Int64, SingleTenant, type JsonObject } from './common.js';

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

/** Body of POST /v2/messages/publication: a correlate body that may wait in the buffer. */
export class PublishMessageDto extends CorrelateMessageDto {
  /** How long the message waits for a subscription, ms; zero or less means it does not wait (as in Zeebe). */
  @Int64()
  @IsOptional()
  @IsInt()
  timeToLive?: number;

  @IsOptional()
  @IsString()
  messageId?: string;
}
