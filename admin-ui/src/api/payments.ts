import { api } from './client.js';

export interface OrderedFee {
  code: string;
  name: string;
  amount: number;
}

/** GET /api/payments/due: what an online payment of the dossier would cover now. */
export interface FeesDue {
  dossierId: string;
  fees: OrderedFee[];
  amount: number;
}

export interface PaymentOrder {
  id: string;
  txnRef: string;
  amount: number;
  fees: OrderedFee[];
  status: 'pending' | 'paid' | 'failed';
  paymentUrl: string;
}

export const paymentsApi = {
  due: (dossierId: string) => api<FeesDue>(`/api/payments/due?dossierId=${encodeURIComponent(dossierId)}`),
  /** Opens an order for the fees due; the answer's paymentUrl is the gateway's page. */
  create: (dossierId: string) => api<PaymentOrder>('/api/payments', { method: 'POST', json: { dossierId } }),
};
