import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';

/** One fee listed in a payment order, as the procedure's catalogue priced it when the order was made. */
export interface OrderedFee {
  code: string;
  name: string;
  amount: number;
}

/**
 * Online payment orders: one per attempt of the applicant to pay a dossier's fees through a
 * gateway. `txnRef` is the reference the gateway signs and sends back in its callback.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    provider: text('provider').notNull(),
    /** Merchant reference (vnp_TxnRef): unique, so a callback names exactly one order. */
    txnRef: text('txn_ref').notNull().unique(),
    /** In đồng. */
    amount: integer('amount').notNull(),
    fees: jsonb('fees').$type<OrderedFee[]>().notNull(),
    /** pending, paid, failed (the payer cancelled or the bank refused). */
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The gateway's transaction number and response code from the accepted callback. */
    gatewayTransactionNo: text('gateway_transaction_no'),
    responseCode: text('response_code'),
    bankCode: text('bank_code'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    /** Set once the dossier lifecycle was told (fee recorded, `fee-paid` published, status restored). */
    lifecycleNotifiedAt: timestamp('lifecycle_notified_at', { withTimezone: true }),
  },
  (t) => [index('payment_orders_dossier_idx').on(t.dossierId, t.createdAt)],
);

export type PaymentOrderRecord = typeof paymentOrders.$inferSelect;
export type NewPaymentOrder = typeof paymentOrders.$inferInsert;
