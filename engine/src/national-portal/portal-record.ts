import { Injectable } from '@nestjs/common';
import type { Executor } from '../database/database.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { Attachment, DossierRecord } from '../dossiers/dossier.schema.js';
import type { DossierStatus } from '../dossiers/dossier-status.js';
import { portalTime, type DossierSyncRecord, type Fee, type SubmittedFile, type SupplementRequest } from './national-portal.port.js';
import { NATIONAL_STATUS_CODE } from './national-status.js';
import { PortalDossiersRepository, type SupplementRecord } from './portal-dossiers.repository.js';
import { PortalFileLinks } from './portal-file-links.js';

/**
 * The dossier as DongBoHoSoMC sends it: its particulars, status and content (documents handed in,
 * fees, supplement requests, results), read in the caller's transaction so that the record is the
 * dossier as the change being reported left it. Files go as signed links the portal fetches.
 */
@Injectable()
export class PortalRecords {
  constructor(
    private readonly repository: PortalDossiersRepository,
    private readonly links: PortalFileLinks,
  ) {}

  async of(dossier: DossierRecord, code: string, status: DossierStatus, tx: Executor): Promise<DossierSyncRecord> {
    const supplements = await this.repository.supplementsOf(dossier.id, tx);
    const answered = supplements.flatMap((s) => s.supplement?.attachments ?? []);
    const names = await this.repository.fileNames([...dossier.attachments, ...answered].map((a) => a.fileId), tx);
    const fees = await this.repository.catalogueFees(dossier.procedureSlug, dossier.procedureVersion, tx);
    const results = await this.repository.resultsOf(dossier.id, tx);
    const file = (attachment: Attachment): SubmittedFile => ({
      TepDinhKemId: attachment.fileId,
      TenTepDinhKem: names.get(attachment.fileId) ?? attachment.document,
      IsDeleted: 'False',
      MaThanhPhanHoSo: '',
      DuongDanTaiTepTin: this.links.link(attachment.fileId),
    });
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
      TaiLieuNop: dossier.attachments.map(file),
      // The amount the process decided for this dossier replaces the catalogue's (as for payment).
      DanhSachLePhi: fees.map((fee): Fee => {
        const feeCode = fee.code ?? fee.name;
        return { TenPhiLePhi: fee.name, MaPhiLePhi: fee.code ?? '', HinhThucThu: '', Gia: String(dossier.requestedFeeAmounts[feeCode] ?? fee.amount), LoaiPhiLePhi: '' };
      }),
      DanhSachTepDinhKemKhac: [],
      DanhSachHoSoBoSung: supplements.map((s) => supplementRequest(s, file)),
      DanhSachGiayToKetQua: results.map((result) => ({
        TenGiayTo: result.title,
        MaThanhPhanHoSo: '',
        GiayToId: result.id,
        DuongDanTepTinKetQua: this.links.link(result.fileId),
      })),
    };
  }
}

function supplementRequest(request: SupplementRecord, file: (attachment: Attachment) => SubmittedFile): SupplementRequest {
  const missing = request.missingItems.length > 0 ? ` Cần bổ sung: ${request.missingItems.join('; ')}.` : '';
  return {
    HoSoBoSungId: request.id,
    NguoiYeuCauBoSung: request.requestedByName ?? '',
    NoiDungBoSung: `${request.reason}${missing}`,
    NgayBoSung: portalTime(request.startedAt),
    NguoiTiepNhanBoSung: '',
    ThongTinTiepNhan: request.supplement?.note ?? '',
    NgayTiepNhanBoSung: portalTime(request.endedAt),
    TrangThaiBoSung: request.endedAt ? 'True' : 'False',
    DanhSachGiayToBoSung: (request.supplement?.attachments ?? []).map(file),
    DanhSachLePhiBoSung: [],
    NgayHenTraTruoc: '',
    NgayHenTraMoi: '',
  };
}
