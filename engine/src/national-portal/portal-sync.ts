import { Inject, Injectable } from '@nestjs/common';
import type { Executor } from '../database/database.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import { DossierStatus, STATUS_LABELS } from '../dossiers/dossier-status.js';
import { portalTime, PortalService, type ProgressRecord } from './national-portal.port.js';
import { NATIONAL_PORTAL_SETTINGS, type NationalPortalSettings } from './national-portal-settings.js';
import { NATIONAL_STATUS_CODE } from './national-status.js';
import { PortalDossiersRepository } from './portal-dossiers.repository.js';
import { PortalOutboxRepository } from './portal-outbox.repository.js';
import { PortalRecords } from './portal-record.js';

/** Who made a status change, as the dossier's history records it. */
export interface StatusChange {
  actorName?: string | null;
  elementName?: string | null;
  note?: string | null;
}

/**
 * Whether the dossier's lists changed with the status, so that the portal gets its record again:
 * a supplement requested or answered, fees due, the results handed over.
 */
function contentChanged(from: DossierStatus, to: DossierStatus): boolean {
  return to === DossierStatus.SupplementRequested || from === DossierStatus.SupplementRequested || to === DossierStatus.WaitingForFee || to === DossierStatus.Returned;
}

/**
 * Turns the platform's changes into calls to the national portal, in the transaction of the
 * change. Synced: dossiers filed on the portal, or every dossier with NATIONAL_PORTAL_SYNC=all
 * (one the portal does not hold is first sent whole); nothing while no portal is configured.
 */
@Injectable()
export class NationalPortalSync {
  constructor(
    @Inject(NATIONAL_PORTAL_SETTINGS) private readonly settings: NationalPortalSettings,
    private readonly links: PortalDossiersRepository,
    private readonly outbox: PortalOutboxRepository,
    private readonly records: PortalRecords,
  ) {}

  /** A dossier the portal delivered was filed here: the portal gets the platform's record of it. */
  async dossierFiled(dossier: DossierRecord, portalCode: string, at: Date, tx: Executor): Promise<void> {
    if (!this.settings.endpoint) return;
    await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.SyncDossier, payload: { ...(await this.records.of(dossier, portalCode, dossier.status as DossierStatus, tx)) }, updating: true }, at, tx);
  }

  /** The dossier (as updated) went from `from` to `to`: one progress step for the portal. */
  async statusChanged(dossier: DossierRecord, from: DossierStatus, to: DossierStatus, change: StatusChange, at: Date, tx: Executor): Promise<void> {
    if (!this.settings.endpoint) return;
    const portalCode = await this.links.portalCodeOf(dossier.id, tx);
    if (!portalCode && !this.settings.syncAll) return;
    const code = portalCode ?? dossier.code;
    if (!portalCode && !(await this.outbox.hasCalls(dossier.id, tx))) {
      // The portal first learns of the dossier as it was before this change, which follows as a step.
      await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.SyncDossier, payload: { ...(await this.records.of(dossier, code, from, tx)) }, updating: false }, at, tx);
    }
    const step: ProgressRecord = {
      MaHoSo: code,
      NguoiXuLy: change.actorName ?? 'Hệ thống một cửa',
      ChucDanh: '',
      ThoiDiemXuLy: portalTime(at),
      PhongBanXuLy: AgencyDirectory.shared().nameOf(dossier.agencyCode),
      NoiDungXuLy: stepContent(change) || STATUS_LABELS[to],
      TrangThai: String(NATIONAL_STATUS_CODE[to]),
      NgayBatDau: portalTime(dossier.receivedAt),
      NgayKetThucTheoQuyDinh: portalTime(dossier.dueDate),
    };
    await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.UpdateProgress, payload: { ...step } }, at, tx);
    if (contentChanged(from, to)) {
      await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.SyncDossier, payload: { ...(await this.records.of(dossier, code, to, tx)) }, updating: true }, at, tx);
    }
  }
}

/** The step's name and note; a note that repeats the name (a status task's) is said once. */
function stepContent(change: StatusChange): string {
  return [...new Set([change.elementName, change.note].filter(Boolean))].join(': ');
}
