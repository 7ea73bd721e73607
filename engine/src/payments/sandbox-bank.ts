import { createHmac } from 'node:crypto';
import { gatewayDate, hasValidSignature, parseGatewayDate, withSignature } from './vnpay-signature.js';

/** What the bank page shows of a payment request whose signature held. */
export interface SandboxPaymentView {
  params: Record<string, string>;
  merchantCode: string;
  txnRef: string;
  amount: number;
  orderInfo: string;
  expiresAt: Date;
  expired: boolean;
}

export class SandboxRequestError extends Error {}

/**
 * The gateway's side of the sandbox: checks the merchant's signed request, and once the payer
 * decides, produces the signed result the gateway sends to the merchant (IPN) and appends to the
 * return address. No money moves.
 */
export class SandboxBank {
  constructor(
    private readonly merchantCode: string,
    private readonly secret: string,
  ) {}

  open(params: Record<string, string>, now: Date): SandboxPaymentView {
    if (!hasValidSignature(params, this.secret)) throw new SandboxRequestError('Chữ ký của yêu cầu thanh toán không hợp lệ');
    if (params.vnp_TmnCode !== this.merchantCode) throw new SandboxRequestError('Mã đơn vị chấp nhận thanh toán không đúng');
    const cents = Number(params.vnp_Amount);
    const expiresAt = parseGatewayDate(params.vnp_ExpireDate ?? '');
    if (!Number.isSafeInteger(cents) || cents <= 0 || !params.vnp_TxnRef || !params.vnp_ReturnUrl || !expiresAt) {
      throw new SandboxRequestError('Yêu cầu thanh toán thiếu thông tin');
    }
    return {
      params,
      merchantCode: params.vnp_TmnCode,
      txnRef: params.vnp_TxnRef,
      amount: cents / 100,
      orderInfo: params.vnp_OrderInfo ?? '',
      expiresAt,
      expired: expiresAt.getTime() < now.getTime(),
    };
  }

  /** The signed result for the payer's decision; confirming the same order twice gives the same transaction. */
  result(view: SandboxPaymentView, decision: 'confirm' | 'cancel', now: Date): { query: string; params: Record<string, string> } {
    const responseCode = view.expired ? '11' : decision === 'confirm' ? '00' : '24';
    const params: Record<string, string> = {
      vnp_TmnCode: view.merchantCode,
      vnp_Amount: view.params.vnp_Amount,
      vnp_BankCode: 'NCB',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: view.orderInfo,
      vnp_PayDate: gatewayDate(now),
      vnp_ResponseCode: responseCode,
      vnp_TransactionStatus: responseCode === '00' ? '00' : '02',
      vnp_TransactionNo: this.transactionNo(view.txnRef, responseCode),
      vnp_TxnRef: view.txnRef,
    };
    if (responseCode === '00') params.vnp_BankTranNo = `NCB${params.vnp_TransactionNo}`;
    const query = withSignature(params, this.secret);
    return { query, params: Object.fromEntries(new URLSearchParams(query)) };
  }

  private transactionNo(txnRef: string, responseCode: string): string {
    const digest = createHmac('sha256', this.secret).update(`${txnRef}:${responseCode}`).digest();
    return String(digest.readUInt32BE(0) % 100_000_000).padStart(8, '0');
  }
}
