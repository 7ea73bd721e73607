import { IsObject, IsOptional, IsString } from 'class-validator';
import { SingleTenant, type JsonObject } from './common.js';

/** Body of POST /v2/signals/broadcast (Camunda 8.8's SignalBroadcastRequest). */
export class BroadcastSignalDto {
  @IsString()
  signalName!: string;

  @IsOptional()
  @IsObject()
  variables?: JsonObject;

  @IsOptional()
  @SingleTenant()
  tenantId?: string;
}
