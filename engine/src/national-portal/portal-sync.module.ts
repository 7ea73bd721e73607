import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { loadNationalPortalSettings, NATIONAL_PORTAL_SETTINGS } from './national-portal-settings.js';
import { PortalDossiersRepository } from './portal-dossiers.repository.js';
import { PortalFileLinks } from './portal-file-links.js';
import { PortalOutboxRepository } from './portal-outbox.repository.js';
import { PortalRecords } from './portal-record.js';
import { NationalPortalSync } from './portal-sync.js';

/** What the dossier's lifecycle needs to report its changes to the national portal. */
@Module({
  providers: [
    { provide: NATIONAL_PORTAL_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadNationalPortalSettings(config) },
    PortalDossiersRepository,
    PortalOutboxRepository,
    PortalFileLinks,
    PortalRecords,
    NationalPortalSync,
  ],
  exports: [NATIONAL_PORTAL_SETTINGS, PortalDossiersRepository, PortalOutboxRepository, PortalFileLinks, NationalPortalSync],
})
export class PortalSyncModule {}
