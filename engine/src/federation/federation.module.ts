import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { FederationDelivery } from './federation-delivery.js';
import { FederationMessages } from './federation-messages.js';
import { FEDERATION_SETTINGS, loadFederationSettings } from './federation-settings.js';
import { FederationController } from './federation.controller.js';
import { FederationService } from './federation.service.js';
import { InboundRepository } from './inbound.repository.js';
import { OutboxRepository } from './outbox.repository.js';

/** Inter-agency consultation with agencies served by other platform instances, over signed HTTP messages. */
@Module({
  imports: [ConsultationsModule],
  controllers: [FederationController],
  providers: [
    { provide: FEDERATION_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadFederationSettings(config) },
    FederationMessages,
    OutboxRepository,
    InboundRepository,
    FederationDelivery,
    FederationService,
  ],
  exports: [FederationService],
})
export class FederationModule {}
