import { ForgedCallbackError, type PaymentProvider, type PaymentRequest, type VerifiedCallback } from './payment-provider.port.js';
import { gatewayDate, hasValidSignature, parseGatewayDate, withSignature } from './vnpay-signature.js';

export interface VnpaySettings {
  merchantCode: string;
  secret: string;
  /** Page of the gateway the payer is sent to. */
  gatewayUrl: string;
}

/** Path of the built-in test bank's payment page, under the platform's public address. */
export const SANDBOX_BANK_PATH = '/api/payments/sandbox-bank/pay';

/**
 * The VNPay protocol (version 2.1.0 parameters, amounts ×100, GMT+7 dates, HMAC-SHA512), aimed
 * at the built-in sandbox bank. Only the gateway address would differ for a real gateway speaking
 * the same protocol.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly id = 'sandbox';

  constructor(private readonly settings: VnpaySettings) {}

  paymentUrl(request: PaymentRequest): Promise<string> {
    const params: Record<string, string> = {
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: this.settings.merchantCode,
      vnp_Amount: String(request.amount * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: request.txnRef,
      vnp_OrderInfo: request.description,
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: request.returnUrl,
      vnp_IpAddr: request.clientIp,
      vnp_CreateDate: gatewayDate(request.createdAt),
      vnp_ExpireDate: gatewayDate(request.expiresAt),
    };
    return Promise.resolve(`${this.settings.gatewayUrl}?${withSignature(params, this.settings.secret)}`);
  }

  verifyCallback(params: Record<string, string>): VerifiedCallback {
    if (!hasValidSignature(params, this.settings.secret)) throw new ForgedCallbackError('vnp_SecureHash does not match the callback parameters');
    if (params.vnp_TmnCode !== this.settings.merchantCode) throw new ForgedCallbackError(`vnp_TmnCode ${params.vnp_TmnCode ?? '(missing)'} is not this merchant`);
    const cents = Number(params.vnp_Amount);
    if (!Number.isSafeInteger(cents) || cents <= 0 || cents % 100 !== 0) throw new ForgedCallbackError('vnp_Amount must be a positive amount ×100');
    for (const field of ['vnp_TxnRef', 'vnp_TransactionNo', 'vnp_ResponseCode'] as const) {
      if (!params[field]) throw new ForgedCallbackError(`${field} is missing`);
    }
    const responseCode = params.vnp_ResponseCode;
    const paidAt = params.vnp_PayDate ? parseGatewayDate(params.vnp_PayDate) : undefined;
    return {
      txnRef: params.vnp_TxnRef,
      amount: cents / 100,
      transactionNo: params.vnp_TransactionNo,
      responseCode,
      success: responseCode === '00' && (params.vnp_TransactionStatus ?? '00') === '00',
      ...(params.vnp_BankCode ? { bankCode: params.vnp_BankCode } : {}),
      ...(paidAt ? { paidAt } : {}),
    };
  }
}
