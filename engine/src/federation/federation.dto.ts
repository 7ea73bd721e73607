import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Receipt } from './federation.service.js';

/** What a peer gets back for a message (the same receipt again for a repeated message id). */
export class FederationReceiptDto {
  @ApiProperty({ enum: ['accepted', 'recorded', 'already-answered'] }) status!: 'accepted' | 'recorded' | 'already-answered';
  @ApiProperty({ format: 'uuid', description: 'The consultation on this instance' }) consultationId!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Accepted request: its due time here' }) dueAt?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Recorded answer: when the remote officer answered' }) answeredAt?: string | null;
}

export function toFederationReceiptDto(receipt: Receipt): FederationReceiptDto {
  return receipt as unknown as FederationReceiptDto;
}

export class FederationKeysDto {
  @ApiProperty({ description: 'This instance’s id' }) id!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Public keys (JWK) its messages are signed with' }) keys!: Record<string, unknown>[];
}

export function toFederationKeysDto(keys: { id: string; keys: unknown[] }): FederationKeysDto {
  return { id: keys.id, keys: keys.keys as Record<string, unknown>[] };
}
