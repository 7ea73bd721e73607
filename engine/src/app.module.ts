import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/environment.js';
import { DatabaseModule } from './database/database.module.js';
import type { DatabaseHandle } from './database/database.js';
import { ConsultationsModule } from './consultations/consultations.module.js';
import { ClockModule } from './clock/clock.js';
import { DossierLifecycleModule } from './dossiers/dossier-lifecycle.module.js';
import { DossiersModule } from './dossiers/dossiers.module.js';
import { FederationModule } from './federation/federation.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { NationalPortalModule } from './national-portal/national-portal.module.js';
import { FilesModule } from './files/files.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { NotifierModule } from './notifications/notifier.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { ProceduresModule } from './procedures/procedures.module.js';
import { RatingsModule } from './ratings/ratings.module.js';
import { RegistersModule } from './registers/registers.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { WebModule } from './web/web.module.js';
import { WorkersModule } from './workers/workers.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        HealthModule,
        ObservabilityModule,
        CalendarModule,
        IdentityModule.forRoot(config),
        AuthModule.forRoot(),
        ClockModule,
        DossiersModule,
        DossierLifecycleModule,
        NotifierModule,
        ConsultationsModule,
        WorkersModule,
        FederationModule,
        NationalPortalModule,
        FilesModule,
        VerificationModule,
        WorkflowModule.forRoot(config),
        ProceduresModule,
        PaymentsModule,
        RatingsModule,
        FeedbackModule,
        StatisticsModule,
        RegistersModule,
        WebModule,
      ],
    };
  }
}
