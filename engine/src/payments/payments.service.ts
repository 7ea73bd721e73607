import { randomInt } from 'node:crypto';
import { BadGatewayException, BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { ControlSheet } from '../dossiers/control-sheet.service.js';
import { DossierJournalRepository } from '../dossiers/dossier-journal.repository.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import { DossierStatus } from '../dossiers/dossier-status.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { ProcedureVersions } from '../dossiers/procedure-versions.js';
import { WORKFLOW_ENGINE, WorkflowError, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { toPaymentOrderDto, type CreatePaymentDto, type PaymentOrderDto } from './payments.dto.js';
import { PaymentsRepository } from './payments.repository.js';
import { ForgedCallbackError, PAYMENT_PROVIDER, PaymentGatewayError, type PaymentProvider, type VerifiedCallback } from './payment-provider.port.js';
import type { OrderedFee, PaymentOrderRecord } from './payment.schema.js';
import { gatewayDate } from './vnpay-signature.js';

/** As for the platform's other messages: the model may still be running service tasks when it arrives. */
const MESSAGE_TTL_MS = 7 * 24 * 3600_000;

/** Path the gateway sends the payer back to. */
export const RETURN_PATH = '/api/payments/return';

export type CallbackOutcome = 'paid' | 'failed' | 'already_settled';

/**
 * Online fee payment: the applicant opens an order for the fees his dossier waits for, pays on the
 * gateway's page, and the gateway's signed callback settles the order. A settled payment is
 * recorded on the dossier, the process hears `fee-paid`, and the dossier's status goes back to
 * what it was before it waited for the fee.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger('Payments');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    /** null when online payment is off (PAYMENT_PROVIDER=none). */
    @Inject(PAYMENT_PROVIDER) private readonly configured: PaymentProvider | null,
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly orders: PaymentsRepository,
    private readonly dossiers: DossiersRepository,
    private readonly journal: DossierJournalRepository,
    private readonly controlSheet: ControlSheet,
    private readonly lifecycle: DossierLifecycle,
    private readonly versions: ProcedureVersions,
  ) {}

  private get provider(): PaymentProvider {
    if (!this.configured) throw new NotFoundException('Online payment is not enabled on this platform');
    return this.configured;
  }

  /** What an order opened now would ask the applicant to pay, without opening it. */
  async due(user: AuthenticatedUser, dossierId: string): Promise<{ dossierId: string; fees: OrderedFee[]; amount: number }> {
    void this.provider; // 404 when online payment is off, as for opening an order
    const dossier = await this.waitingDossier(user, dossierId);
    const fees = await this.feesToPay(dossier, undefined);
    return { dossierId: dossier.id, fees, amount: fees.reduce((sum, fee) => sum + fee.amount, 0) };
  }

  async create(user: AuthenticatedUser, dto: CreatePaymentDto, clientIp: string) {
    const provider = this.provider;
    const dossier = await this.waitingDossier(user, dto.dossierId);
    const fees = await this.feesToPay(dossier, dto.feeCodes);
    const now = this.clock.now();
    const amount = fees.reduce((sum, fee) => sum + fee.amount, 0);
    const order = await this.orders.insert({
      dossierId: dossier.id,
      provider: provider.id,
      // Digits only: gateways accept at most alphanumerics here, and the time keeps references apart.
      txnRef: `${gatewayDate(now)}${String(randomInt(1_000_000)).padStart(6, '0')}`,
      amount,
      fees,
      status: 'pending',
      createdBy: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.PAYMENT_EXPIRE_MINUTES * 60_000),
    });
    let paymentUrl: string;
    try {
      paymentUrl = await provider.paymentUrl({
        txnRef: order.txnRef,
        amount,
        // Gateways print this on bank statements, where only ASCII is safe.
        description: `Thanh toan phi le phi ho so ${dossier.code}`,
        createdAt: order.createdAt,
        expiresAt: order.expiresAt,
        clientIp,
        returnUrl: `${this.config.PUBLIC_URL}${RETURN_PATH}`,
        dossierCode: dossier.code,
        fees,
      });
    } catch (error) {
      // The order stays pending and expires unpaid; the applicant can open another.
      if (error instanceof PaymentGatewayError) throw new BadGatewayException(`The payment gateway did not open the payment: ${error.message}`);
      throw error;
    }
    return { ...toPaymentOrderDto(order), paymentUrl };
  }

  async list(user: AuthenticatedUser, dossierId: string) {
    await this.ownDossier(user, dossierId);
    return (await this.orders.ofDossier(dossierId)).map(toPaymentOrderDto);
  }

  /**
   * The gateway's callback (IPN). A forged or malformed one is refused (400) and a callback that
   * contradicts how the order was already settled (409) changes nothing; the same callback again
   * answers as the first one did, and completes the dossier's side if that was interrupted.
   */
  async handleCallback(params: Record<string, string>): Promise<{ outcome: CallbackOutcome; order: PaymentOrderDto }> {
    let callback: VerifiedCallback;
    try {
      callback = this.provider.verifyCallback(params);
    } catch (error) {
      if (error instanceof ForgedCallbackError) throw new BadRequestException(`Invalid payment callback: ${error.message}`);
      throw error;
    }
    const { outcome, order } = await this.db.transaction(async (tx) => {
      const order = await this.orders.lockByTxnRef(callback.txnRef, tx);
      if (!order) throw new NotFoundException(`No payment order ${callback.txnRef}`);
      if (callback.amount !== order.amount) {
        throw new BadRequestException(`The callback's amount ${callback.amount} does not match the order amount ${order.amount}`);
      }
      if (order.status !== 'pending') {
        if (order.gatewayTransactionNo === callback.transactionNo && order.responseCode === callback.responseCode) {
          return { outcome: 'already_settled' as const, order };
        }
        throw new ConflictException(
          `Payment order ${order.txnRef} was already settled (${order.status}, transaction ${order.gatewayTransactionNo}); this callback does not match it`,
        );
      }
      const settled = await this.orders.update(
        order.id,
        {
          status: callback.success ? 'paid' : 'failed',
          gatewayTransactionNo: callback.transactionNo,
          responseCode: callback.responseCode,
          bankCode: callback.bankCode ?? null,
          settledAt: callback.paidAt ?? this.clock.now(),
        },
        tx,
      );
      return { outcome: callback.success ? ('paid' as const) : ('failed' as const), order: settled };
    });
    const final = order.status === 'paid' && !order.lifecycleNotifiedAt ? await this.tellLifecycle(order) : order;
    return { outcome, order: toPaymentOrderDto(final) };
  }

  /** The order the payer returns from, as the platform recorded it (the callback, not the browser, settles it). */
  async returned(params: Record<string, string>): Promise<{ valid: boolean; order?: PaymentOrderRecord }> {
    let callback: VerifiedCallback;
    try {
      callback = this.provider.verifyCallback(params);
    } catch {
      return { valid: false };
    }
    const order = await this.orders.findByTxnRef(callback.txnRef);
    return order ? { valid: true, order } : { valid: false };
  }

  /**
   * Records the fees on the dossier, publishes `fee-paid` and restores the status the dossier had
   * before it waited for the fee. Safe to repeat: the message id is the order's, and the order is
   * marked only once everything is done.
   */
  private async tellLifecycle(order: PaymentOrderRecord): Promise<PaymentOrderRecord> {
    // One fee, one settlement: the fees are claimed under the dossier's lock before anything else.
    // A second order for fees another payment already settled (two bank tabs, the counter first)
    // records nothing and tells the process nothing: its money is on record for a refund.
    const claim = await this.db.transaction(async (tx) => {
      await this.dossiers.lock(order.dossierId, tx);
      const locked = (await this.orders.lockByTxnRef(order.txnRef, tx))!;
      if (locked.lifecycleNotifiedAt) return { done: locked };
      const recorded = await this.journal.feePayments(order.dossierId, tx);
      // Another payment covers a fee when it names it, or, at the counter (which names no fee), when
      // it was made after this order was opened: the counter took what the dossier waited for.
      const others = recorded.filter((p) => !(p.method === 'online' && p.receiptNumber === order.gatewayTransactionNo));
      const byOthers = order.fees.filter((fee) => others.some((p) => p.feeCode === fee.code || (p.feeCode === null && p.paidAt >= order.createdAt)));
      if (byOthers.length > 0) {
        this.logger.warn(
          `Online payment ${order.txnRef} settled fees already paid (${byOthers.map((f) => f.code).join(', ')}): recorded for a refund, not as a second payment`,
        );
        return { done: await this.orders.update(order.id, { lifecycleNotifiedAt: this.clock.now() }, tx) };
      }
      for (const fee of order.fees) {
        if (recorded.some((p) => p.feeCode === fee.code)) continue; // claimed by this order before an interruption
        await this.journal.insertFeePayment(
          {
            dossierId: order.dossierId,
            feeCode: fee.code,
            amount: fee.amount,
            method: 'online',
            receiptNumber: order.gatewayTransactionNo,
            receivedBy: `gateway:${order.provider}`,
            receivedByName: 'Cổng thanh toán trực tuyến',
            paidAt: order.settledAt!,
          },
          tx,
        );
      }
      return { done: undefined };
    });
    if (claim.done) return claim.done;

    const dossier = (await this.dossiers.findById(order.dossierId))!;
    const waiting = dossier.status === DossierStatus.WaitingForFee;
    if (waiting) {
      try {
        await this.engine.publishMessage({
          name: 'fee-paid',
          correlationKey: dossier.id,
          messageId: `fee-paid:online:${order.id}`,
          timeToLive: MESSAGE_TTL_MS,
          variables: {
            feePayment: { amount: order.amount, feeCodes: order.fees.map((f) => f.code), method: 'online', receiptNumber: order.gatewayTransactionNo },
          },
        });
      } catch (error) {
        // Published by an earlier, interrupted attempt.
        if (!(error instanceof WorkflowError && error.code === 'ALREADY_EXISTS')) throw error;
      }
    } else {
      // Paid, but the dossier moved on meanwhile (withdrawn, stopped): the money is on record for a refund.
      this.logger.warn(`Online payment ${order.txnRef} settled for dossier ${dossier.code} in status ${dossier.status}`);
    }
    // Read before the transaction: the embedded database has one connection, which the transaction holds.
    const back = waiting ? ((await this.lifecycle.statusBefore(dossier.id, DossierStatus.WaitingForFee)) ?? DossierStatus.Processing) : undefined;
    const notified = await this.db.transaction(async (tx) => {
      await this.dossiers.lock(order.dossierId, tx); // dossier before order, as the claim above
      const locked = (await this.orders.lockByTxnRef(order.txnRef, tx))!;
      if (locked.lifecycleNotifiedAt) return locked;
      if (back) {
        const total = order.amount.toLocaleString('vi-VN');
        await this.lifecycle.setStatus(dossier.id, back, { note: `Đã thanh toán trực tuyến phí, lệ phí: ${total} đồng (giao dịch ${order.gatewayTransactionNo})` }, tx);
      }
      return this.orders.update(order.id, { lifecycleNotifiedAt: this.clock.now() }, tx);
    });
    // The fee paid may hand the dossier to its next step.
    await this.controlSheet.sync((await this.dossiers.findById(order.dossierId))!);
    return notified;
  }

  private async waitingDossier(user: AuthenticatedUser, dossierId: string): Promise<DossierRecord> {
    const dossier = await this.ownDossier(user, dossierId);
    if (dossier.status !== DossierStatus.WaitingForFee) {
      throw new ConflictException(`Dossier ${dossier.code} is not waiting for a fee (status ${dossier.status})`);
    }
    return dossier;
  }

  /** The applicant's own dossier; anyone else's is 404, as if it did not exist. */
  private async ownDossier(user: AuthenticatedUser, dossierId: string): Promise<DossierRecord> {
    const dossier = await this.dossiers.findById(dossierId);
    if (!dossier || dossier.applicantUserId !== user.id) throw new NotFoundException(`Dossier ${dossierId} not found`);
    return dossier;
  }

  private async feesToPay(dossier: DossierRecord, codes: string[] | undefined): Promise<OrderedFee[]> {
    if (!dossier.procedureSlug || dossier.procedureVersion === null) throw new ConflictException(`Dossier ${dossier.code} has no published procedure to price its fees`);
    const catalogue = (await this.versions.get(dossier.procedureSlug, dossier.procedureVersion)).catalogue;
    const paid = new Set((await this.journal.feePayments(dossier.id)).map((p) => p.feeCode));
    // An amount the process decided for this dossier (requestedFeeAmounts) replaces the catalogue's.
    const fees = (catalogue.fees ?? []).map((f) => {
      const code = f.code ?? f.name;
      return { code, name: f.name, amount: dossier.requestedFeeAmounts[code] ?? f.amount };
    });
    if (codes) {
      const problems = codes.flatMap((code, i) => (fees.some((f) => f.code === code) ? [] : [`feeCodes.${i}: '${code}' is not a fee of the procedure`]));
      if (problems.length > 0) throw new BadRequestException(problems);
      const already = codes.filter((code) => paid.has(code));
      if (already.length > 0) throw new ConflictException(`Already paid: ${already.join(', ')}`);
    }
    // Without a choice: the unpaid fees the process asked for, or, before any was asked, all unpaid ones.
    const requested = dossier.requestedFees.filter((code) => !paid.has(code));
    const wanted = codes ?? (requested.length > 0 ? requested : fees.map((f) => f.code).filter((code) => !paid.has(code)));
    const chosen = fees.filter((f) => wanted.includes(f.code) && f.amount > 0);
    if (chosen.length === 0) throw new ConflictException(`Dossier ${dossier.code} has no fee left to pay`);
    return chosen;
  }
}
