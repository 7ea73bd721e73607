import { api } from './client.js';
import type { Answer, Schemas } from './contract.js';

/** Response types are the platform's DTOs (schema.d.ts, generated from its OpenAPI document). */
export type OrderedFee = Schemas['OrderedFeeDto'];
/** GET /api/payments/due: what an online payment of the dossier would cover now. */
export type FeesDue = Schemas['FeesDueDto'];
export type PaymentOrder = Schemas['CreatedPaymentDto'];

export const paymentsApi = {
  due: (dossierId: string) => api<Answer<'/api/payments/due', 'get'>>(`/api/payments/due?dossierId=${encodeURIComponent(dossierId)}`),
  /** Opens an order for the fees due; the answer's paymentUrl is the gateway's page. */
  create: (dossierId: string) => api<Answer<'/api/payments', 'post'>>('/api/payments', { method: 'POST', json: { dossierId } }),
};
