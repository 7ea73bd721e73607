import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DossierLifecycleModule } from '../dossiers/dossier-lifecycle.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { ConsultationEscalation } from './consultation-escalation.js';
import { ConsultationsController } from './consultations.controller.js';
import { ConsultationsRepository } from './consultations.repository.js';
import { ConsultationsService } from './consultations.service.js';

@Module({
  imports: [DossiersModule, DossierLifecycleModule, CalendarModule],
  controllers: [ConsultationsController],
  providers: [ConsultationsRepository, ConsultationsService, ConsultationEscalation],
  exports: [ConsultationsService],
})
export class ConsultationsModule {}
