import { Module } from '@nestjs/common';
import { DossierLifecycleModule } from '../dossiers/dossier-lifecycle.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { FilesModule } from '../files/files.module.js';
import { HttpNationalPortal } from './http-national-portal.js';
import { NATIONAL_PORTAL } from './national-portal.port.js';
import { NATIONAL_PORTAL_SETTINGS, type NationalPortalSettings } from './national-portal-settings.js';
import { PortalDelivery } from './portal-delivery.js';
import { PortalFilesController } from './portal-files.controller.js';
import { PortalIntakeController } from './portal-intake.controller.js';
import { PortalIntake } from './portal-intake.service.js';
import { PortalSecretGuard } from './portal-secret.guard.js';
import { PortalSyncModule } from './portal-sync.module.js';

/** The national public service portal: dossiers filed on it come in; every status change goes back. */
@Module({
  imports: [PortalSyncModule, DossierLifecycleModule, DossiersModule, FilesModule],
  controllers: [PortalIntakeController, PortalFilesController],
  providers: [
    {
      provide: NATIONAL_PORTAL,
      inject: [NATIONAL_PORTAL_SETTINGS],
      // Without an endpoint the delivery loop does not start and the adapter is never called.
      useFactory: (settings: NationalPortalSettings) => (settings.endpoint ? new HttpNationalPortal(settings.endpoint) : undefined),
    },
    PortalDelivery,
    PortalIntake,
    PortalSecretGuard,
  ],
})
export class NationalPortalModule {}
