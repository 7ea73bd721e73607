import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { FilesModule } from '../files/files.module.js';
import { ProceduresModule } from '../procedures/procedures.module.js';
import { VerificationModule } from '../verification/verification.module.js';
import { PortalSyncModule } from '../national-portal/portal-sync.module.js';
import { LeaderSignature } from './leader-signature.js';
import { ClusterCompletions } from './cluster-completions.js';
import { ControlSheet } from './control-sheet.service.js';
import { ControlSheetDocument } from './control-sheet-document.js';
import { DeadlineMonitor } from './deadline-monitor.js';
import { DemoDossiersSeeder } from './demo-dossiers.seeder.js';
import { DocumentIssuer } from './document-issuer.js';
import { DossierActionsService } from './dossier-actions.service.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossierLifecycleController } from './dossier-lifecycle.controller.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';
import { DossiersModule } from './dossiers.module.js';
import { ProcedureVersions } from './procedure-versions.js';
import { ProcessStarter } from './process-starter.js';
import { PublicLookupController } from './public-lookup.controller.js';
import { PublicLookupRepository } from './public-lookup.repository.js';
import { PublicLookupService } from './public-lookup.service.js';
import { StepRecordsWriter } from './step-records.js';
import { SubmissionService } from './submission.service.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

/**
 * The dossier's life on the platform: submission, status and clock, control sheet, officers'
 * tasks, the applicant's supplements and withdrawal, fees, apologies, documents and deadlines.
 * Kept apart from DossiersModule (the read model), which the files feature depends on.
 */
@Module({
  imports: [DossiersModule, FilesModule, ProceduresModule, CalendarModule, VerificationModule, PortalSyncModule],
  controllers: [DossierLifecycleController, TasksController, PublicLookupController],
  providers: [
    DossierJournalRepository,
    ProcedureVersions,
    DossierLifecycle,
    ControlSheet,
    ControlSheetDocument,
    ProcessStarter,
    SubmissionService,
    TasksService,
    LeaderSignature,
    StepRecordsWriter,
    ClusterCompletions,
    DossierActionsService,
    DocumentIssuer,
    DeadlineMonitor,
    DemoDossiersSeeder,
    PublicLookupRepository,
    PublicLookupService,
  ],
  exports: [DossierJournalRepository, ProcedureVersions, DossierLifecycle, ControlSheet, DocumentIssuer, DeadlineMonitor, ProcessStarter, SubmissionService],
})
export class DossierLifecycleModule {}
