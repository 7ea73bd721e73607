import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { paymentOrders, type NewPaymentOrder, type PaymentOrderRecord } from './payment.schema.js';

@Injectable()
export class PaymentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async insert(row: NewPaymentOrder): Promise<PaymentOrderRecord> {
    const [saved] = await this.db.insert(paymentOrders).values(row).returning();
    return saved;
  }

  async findByTxnRef(txnRef: string, tx: Executor = this.db): Promise<PaymentOrderRecord | undefined> {
    const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.txnRef, txnRef));
    return row;
  }

  /** Locked until the end of the transaction: concurrent callbacks for one order queue here. */
  async lockByTxnRef(txnRef: string, tx: Executor): Promise<PaymentOrderRecord | undefined> {
    const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.txnRef, txnRef)).for('update');
    return row;
  }

  async update(id: string, patch: Partial<NewPaymentOrder>, tx: Executor = this.db): Promise<PaymentOrderRecord> {
    const [row] = await tx.update(paymentOrders).set(patch).where(eq(paymentOrders.id, id)).returning();
    return row;
  }

  ofDossier(dossierId: string): Promise<PaymentOrderRecord[]> {
    return this.db.select().from(paymentOrders).where(eq(paymentOrders.dossierId, dossierId)).orderBy(desc(paymentOrders.createdAt));
  }

  async paidOfDossier(dossierId: string): Promise<PaymentOrderRecord[]> {
    return this.db.select().from(paymentOrders).where(and(eq(paymentOrders.dossierId, dossierId), eq(paymentOrders.status, 'paid')));
  }
}
