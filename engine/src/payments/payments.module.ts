import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DossierLifecycleModule } from '../dossiers/dossier-lifecycle.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { PAYMENT_PROVIDER } from './payment-provider.port.js';
import { paymentSecret } from './payment-secret.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsService } from './payments.service.js';
import { SandboxBank } from './sandbox-bank.js';
import { SANDBOX_BANK_PATH, SandboxPaymentProvider } from './sandbox-payment.provider.js';
import { NationalPaymentProvider } from './national/national-payment.provider.js';
import type { PaymentProvider } from './payment-provider.port.js';

/** The gateway PAYMENT_PROVIDER names, or null when online payment is off. */
function configuredProvider(config: AppConfig): PaymentProvider | null {
  switch (config.PAYMENT_PROVIDER) {
    case 'none':
      return null;
    case 'national':
      return new NationalPaymentProvider({
        initUrl: config.NATIONAL_PAYMENT_URL!,
        partnerCode: config.NATIONAL_PAYMENT_PARTNER_CODE!,
        agencyCode: config.NATIONAL_PAYMENT_AGENCY_CODE!,
        agencyName: config.NATIONAL_PAYMENT_AGENCY_NAME ?? '',
        secret: paymentSecret(config),
      });
    case 'sandbox':
      return new SandboxPaymentProvider({ merchantCode: config.PAYMENT_MERCHANT_CODE, secret: paymentSecret(config), gatewayUrl: `${config.PUBLIC_URL}${SANDBOX_BANK_PATH}` });
  }
}

/**
 * Online fee payment: PAYMENT_PROVIDER=sandbox runs a VNPay-style gateway with the built-in test
 * bank, national goes through the national public service portal's payment platform, none turns it off.
 */
@Module({
  imports: [DossiersModule, DossierLifecycleModule],
  controllers: [PaymentsController],
  providers: [
    PaymentsRepository,
    PaymentsService,
    {
      provide: PAYMENT_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: configuredProvider,
    },
    {
      provide: SandboxBank,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.PAYMENT_PROVIDER === 'sandbox' ? new SandboxBank(config.PAYMENT_MERCHANT_CODE, paymentSecret(config)) : null),
    },
  ],
})
export class PaymentsModule {}
