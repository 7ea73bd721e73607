/** What the platform asks a payment gateway to collect. */
export interface PaymentRequest {
  txnRef: string;
  /** In đồng. */
  amount: number;
  /** Shown to the payer by the bank (ASCII only at most gateways). */
  description: string;
  createdAt: Date;
  expiresAt: Date;
  /** Payer's IP address, which Vietnamese gateways require. */
  clientIp: string;
  /** Where the gateway sends the payer's browser back. */
  returnUrl: string;
  /** The dossier and the fees paid, which the national payment platform prints on its receipt. */
  dossierCode: string;
  fees: { code: string; name: string; amount: number }[];
}

/** A callback whose signature checked out, in the platform's terms. */
export interface VerifiedCallback {
  txnRef: string;
  amount: number;
  /** The gateway's own number for the transaction; the same payment always carries the same one. */
  transactionNo: string;
  responseCode: string;
  /** Whether the payment succeeded (response and transaction status both say so). */
  success: boolean;
  bankCode?: string;
  /** When the bank says the payment happened. */
  paidAt?: Date;
}

/** Raised for a callback whose signature is missing or wrong, or whose fields are malformed. */
export class ForgedCallbackError extends Error {}

/** Raised when the gateway refuses to open a payment or cannot be reached. */
export class PaymentGatewayError extends Error {}

/**
 * A payment gateway. VNPay-style gateways redirect the payer to a signed URL and notify the
 * merchant server-to-server with a signed callback (IPN); other gateways fit the same two calls.
 */
export interface PaymentProvider {
  readonly id: string;
  /** The page to send the payer to; a gateway that registers the payment first answers it over the network. */
  paymentUrl(request: PaymentRequest): Promise<string>;
  /** Checks the signature of callback parameters; throws ForgedCallbackError when it does not hold. */
  verifyCallback(params: Record<string, string>): VerifiedCallback;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
