import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import type { Executor } from '../database/database.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import { STATUS_LABELS, type DossierStatus } from '../dossiers/dossier-status.js';
import { portalTime, PortalService, type DossierSyncRecord, type ProgressRecord } from './national-portal.port.js';
import { NATIONAL_PORTAL_SETTINGS, type NationalPortalSettings } from './national-portal-settings.js';
import { NATIONAL_STATUS_CODE } from './national-status.js';
import { PortalDossiersRepository } from './portal-dossiers.repository.js';
import { PortalOutboxRepository } from './portal-outbox.repository.js';

/** Who made a status change, as the dossier's history records it. */
export interface StatusChange {
  actorName?: string | null;
  elementName?: string | null;
  note?: string | null;
}

/**
 * Turns the platform's changes into calls to the national portal, in the transaction of the
 * change. Synced: dossiers filed on the portal, or every dossier with NATIONAL_PORTAL_SYNC=all
 * (one the portal does not hold is first sent whole); nothing while no portal is configured.
 */
@Injectable()
export class NationalPortalSync {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NATIONAL_PORTAL_SETTINGS) private readonly settings: NationalPortalSettings,
    private readonly links: PortalDossiersRepository,
    private readonly outbox: PortalOutboxRepository,
  ) {}

  /** A dossier the portal delivered was filed here: the portal gets the platform's record of it. */
  async dossierFiled(dossier: DossierRecord, portalCode: string, at: Date, tx: Executor): Promise<void> {
    if (!this.settings.endpoint) return;
    await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.SyncDossier, payload: { ...dossierRecord(dossier, portalCode, dossier.status as DossierStatus) }, updating: true }, at, tx);
  }

  /** The dossier (as updated) went from `from` to `to`: one progress step for the portal. */
  async statusChanged(dossier: DossierRecord, from: DossierStatus, to: DossierStatus, change: StatusChange, at: Date, tx: Executor): Promise<void> {
    if (!this.settings.endpoint) return;
    const portalCode = await this.links.portalCodeOf(dossier.id, tx);
    if (!portalCode && !this.settings.syncAll) return;
    const code = portalCode ?? dossier.code;
    if (!portalCode && !(await this.outbox.hasCalls(dossier.id, tx))) {
      // The portal first learns of the dossier as it was before this change, which follows as a step.
      await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.SyncDossier, payload: { ...dossierRecord(dossier, code, from) }, updating: false }, at, tx);
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
    if (to === 'returned') await this.resultsReturned(dossier, code, tx, at);
  }

  /**
   * Once returned, the portal's record of the dossier gets its results (DanhSachGiayToKetQua), so
   * the citizen finds them there: each by its verification page, which checks its signatures.
   */
  private async resultsReturned(dossier: DossierRecord, code: string, tx: Executor, at: Date): Promise<void> {
    const results = await this.links.resultsOf(dossier.id, tx);
    if (results.length === 0) return;
    const record: DossierSyncRecord = {
      ...dossierRecord(dossier, code, 'returned'),
      DanhSachGiayToKetQua: results.map((result) => ({
        TenGiayTo: result.title,
        MaThanhPhanHoSo: '',
        GiayToId: result.id,
        DuongDanTepTinKetQua: `${this.config.PUBLIC_URL}/verify/${result.id}`,
      })),
    };
    await this.outbox.enqueue({ dossierId: dossier.id, service: PortalService.SyncDossier, payload: { ...record }, updating: true }, at, tx);
  }
}

/** The step's name and note; a note that repeats the name (a status task's) is said once. */
function stepContent(change: StatusChange): string {
  return [...new Set([change.elementName, change.note].filter(Boolean))].join(': ');
}

function dossierRecord(dossier: DossierRecord, code: string, status: DossierStatus): DossierSyncRecord {
  return {
    MaHoSo: code,
    MaTTHC: dossier.procedureCode,
    TenTTHC: dossier.procedureName ?? '',
    ChuHoSo: dossier.applicantName,
    LoaiDoiTuong: '1',
    MaDoiTuong: dossier.applicantIdNumber ?? '',
    Email: dossier.applicant?.email ?? '',
    SoDienThoai: dossier.applicant?.phone ?? '',
    TrichYeuHoSo: dossier.procedureName ?? dossier.procedureCode,
    NgayTiepNhan: portalTime(dossier.receivedAt ?? dossier.createdAt),
    NgayHenTra: portalTime(dossier.dueDate),
    TrangThaiHoSo: String(NATIONAL_STATUS_CODE[status]),
    NgayTra: portalTime(dossier.finishedAt),
    DonViXuLy: AgencyDirectory.shared().nameOf(dossier.agencyCode),
    SoBienNhan: dossier.code,
  };
}
