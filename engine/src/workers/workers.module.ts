import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { DossierLifecycleModule } from '../dossiers/dossier-lifecycle.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { ConsultationWorker } from './consultation.worker.js';
import { DocumentWorker } from './document.worker.js';
import { FeeWorker } from './fee.worker.js';
import { JobDossiers } from './job-dossiers.js';
import { JobWorkers } from './job-workers.js';
import { NotifyWorker } from './notify.worker.js';
import { SignWorker } from './sign.worker.js';
import { StatusWorker } from './status.worker.js';

/** The job workers of the service task types models may use (docs/procedure-bundles.md). */
@Module({
  imports: [DossiersModule, DossierLifecycleModule, ConsultationsModule, FederationModule],
  providers: [JobDossiers, StatusWorker, DocumentWorker, SignWorker, NotifyWorker, ConsultationWorker, FeeWorker, JobWorkers],
})
export class WorkersModule {}
