import type { AppConfig } from '../config/environment.js';

/**
 * Outside production an unset PAYMENT_HASH_SECRET falls back to this fixed value, so development
 * and tests run without setup; production refuses to start without a real one (environment.ts).
 */
const DEVELOPMENT_SECRET = 'development-only-payment-secret-not-for-production-use';

export function paymentSecret(config: Pick<AppConfig, 'PAYMENT_HASH_SECRET'>): string {
  return config.PAYMENT_HASH_SECRET ?? DEVELOPMENT_SECRET;
}
