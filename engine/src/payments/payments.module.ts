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

/** Online fee payment through a VNPay-style gateway; PAYMENT_PROVIDER=sandbox runs the built-in test bank, none turns it off. */
@Module({
  imports: [DossiersModule, DossierLifecycleModule],
  controllers: [PaymentsController],
  providers: [
    PaymentsRepository,
    PaymentsService,
    {
      provide: PAYMENT_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.PAYMENT_PROVIDER === 'none'
          ? null
          : new SandboxPaymentProvider({ merchantCode: config.PAYMENT_MERCHANT_CODE, secret: paymentSecret(config), gatewayUrl: `${config.PUBLIC_URL}${SANDBOX_BANK_PATH}` }),
    },
    {
      provide: SandboxBank,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.PAYMENT_PROVIDER === 'sandbox' ? new SandboxBank(config.PAYMENT_MERCHANT_CODE, paymentSecret(config)) : null),
    },
  ],
})
export class PaymentsModule {}
