import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { iso, isoOrNull } from '../web/response-values.js';
import type { PaymentOrderRecord } from './payment.schema.js';

export class CreatePaymentDto {
  @ApiProperty({ description: 'Dossier whose fees are paid (it must be waiting for a fee).' })
  @IsUUID('all', { message: 'dossierId must be a UUID' })
  dossierId!: string;

  @ApiPropertyOptional({ description: 'Fee codes of the procedure to pay; default: every fee not yet paid.', example: ['LP-GCN'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  feeCodes?: string[];
}

export class OrderedFeeDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'In đồng' }) amount!: number;
}

export class FeesDueDto {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ type: [OrderedFeeDto] }) fees!: OrderedFeeDto[];
  @ApiProperty({ description: 'Total in đồng' }) amount!: number;
}

/** A payment order; the gateway's response and bank codes and the lifecycle bookkeeping stay internal. */
export class PaymentOrderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ description: 'Reference the gateway knows the order by' }) txnRef!: string;
  @ApiProperty({ description: 'In đồng' }) amount!: number;
  @ApiProperty({ type: [OrderedFeeDto] }) fees!: OrderedFeeDto[];
  @ApiProperty({ enum: ['pending', 'paid', 'failed'] }) status!: 'pending' | 'paid' | 'failed';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) gatewayTransactionNo!: string | null;
}

export function toPaymentOrderDto(order: PaymentOrderRecord): PaymentOrderDto {
  return {
    id: order.id,
    dossierId: order.dossierId,
    txnRef: order.txnRef,
    amount: order.amount,
    fees: order.fees,
    status: order.status as PaymentOrderDto['status'],
    createdAt: iso(order.createdAt),
    expiresAt: iso(order.expiresAt),
    settledAt: isoOrNull(order.settledAt),
    gatewayTransactionNo: order.gatewayTransactionNo,
  };
}

export class CreatedPaymentDto extends PaymentOrderDto {
  @ApiProperty({ description: 'The gateway’s page to send the payer to' }) paymentUrl!: string;
}

export class PaymentCallbackDto {
  @ApiProperty({ enum: ['paid', 'failed', 'already_settled'] }) outcome!: 'paid' | 'failed' | 'already_settled';
  @ApiProperty({ type: PaymentOrderDto }) order!: PaymentOrderDto;
}

/** The answer to a notice of the national payment platform, in its field names (MaLoi 00: accepted). */
export class NationalNoticeAnswerDto {
  @ApiProperty({ description: '00 when the notice was accepted (also when it repeats one already accepted); 99 otherwise' }) MaLoi!: string;
  @ApiProperty() MoTaLoi!: string;
  @ApiProperty() MaDoiTac!: string;
  @ApiProperty() MaThamChieu!: string;
  @ApiProperty() ThoiGianGD!: string;
  @ApiProperty() MaXacThuc!: string;
}
