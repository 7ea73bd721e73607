import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { Periodic } from '../dossiers/periodic.js';
import { ConsultationsService } from './consultations.service.js';

/** Runs the escalation of overdue consultations with the deadline check's period. */
@Injectable()
export class ConsultationEscalation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: Periodic;

  constructor(@Inject(APP_CONFIG) config: AppConfig, consultations: ConsultationsService) {
    this.periodic = new Periodic('Consultation escalation', config.DEADLINE_CHECK_SECONDS * 1000, () => consultations.escalateOverdue(), new Logger('Consultations'));
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }
}
