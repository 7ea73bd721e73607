import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Periodic } from '../dossiers/periodic.js';
import { NATIONAL_PORTAL, PortalService, type DossierSyncRecord, type NationalPortal, type PortalAnswer, type ProgressRecord } from './national-portal.port.js';
import { NATIONAL_PORTAL_SETTINGS, type NationalPortalSettings } from './national-portal-settings.js';
import type { PortalOutboxRecord } from './national-portal.schema.js';
import { PortalOutboxRepository } from './portal-outbox.repository.js';

/** How often the outbox is looked at. */
const POLL_MS = 1000;
/** An attempt's hold on its call: longer than the request timeout. */
const LEASE_MS = 60_000;
const BATCH = 20;

/**
 * Delivers the portal outbox while a portal is configured: each due call goes to the portal; an
 * accepted call is marked delivered, anything else (portal down, timeout, refusal) is tried again
 * after a doubling back-off capped at NATIONAL_PORTAL_RETRY_MAX_SECONDS, and holds back the later
 * calls of its dossier meanwhile. Pending calls outlive restarts.
 */
@Injectable()
export class PortalDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NationalPortal');
  private readonly periodic = new Periodic('Delivery pass', POLL_MS, () => this.pass(), this.logger);
  private stopped = true;

  constructor(
    @Inject(NATIONAL_PORTAL_SETTINGS) private readonly settings: NationalPortalSettings,
    @Inject(NATIONAL_PORTAL) private readonly portal: NationalPortal,
    private readonly outbox: PortalOutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.endpoint) return;
    this.stopped = false;
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.periodic.stop();
  }

  private async pass(): Promise<void> {
    for (;;) {
      const now = new Date();
      const due = await this.outbox.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
      for (const call of due) {
        if (this.stopped) return;
        await this.deliver(call);
      }
      if (due.length < BATCH || this.stopped) return;
    }
  }

  private async deliver(call: PortalOutboxRecord): Promise<void> {
    const attempts = call.attempts + 1;
    try {
      const answer = await this.send(call);
      await this.outbox.markDelivered(call.id, attempts, new Date(), answer);
      this.logger.log(`${call.service} of dossier ${call.dossierId} delivered (attempt ${attempts})`);
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      const message = `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
      const seconds = Math.min(this.settings.retryMaxSeconds, 2 ** Math.min(attempts - 1, 20) * (0.75 + Math.random() * 0.5));
      await this.outbox.scheduleRetry(call.id, attempts, new Date(Date.now() + seconds * 1000), message);
      this.logger.warn(`${call.service} of dossier ${call.dossierId} not delivered (attempt ${attempts}): ${message}; next in ${Math.round(seconds)} s`);
    }
  }

  private send(call: PortalOutboxRecord): Promise<PortalAnswer> {
    if (call.service === PortalService.SyncDossier) return this.portal.syncDossier(call.payload as unknown as DossierSyncRecord, call.updating ?? false);
    if (call.service === PortalService.UpdateProgress) return this.portal.updateProgress(call.payload as unknown as ProgressRecord);
    throw new Error(`Unknown portal service ${call.service}`);
  }
}
