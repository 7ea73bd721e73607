import { DEMO_DOSSIERS, type DemoDossier, type DemoStep } from '@mot-cua/engine/dossiers/demo-dossiers.js';
import type { DossierApi, DossierSummary } from './dossier-api.js';

/** The demo birth registration that goes all the way: its application and its officers' steps. */
export const BIRTH_REGISTRATION: DemoDossier = DEMO_DOSSIERS.find((d) => d.key === 'demo-dossier-02')!;

/** A demo step's form values, its `{today}` the current day in Vietnam (UTC+7), as the demo seeder fills it. */
export function stepValues(step: DemoStep): Record<string, unknown> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return JSON.parse(JSON.stringify(step.variables).replaceAll('{today}', today)) as Record<string, unknown>;
}

const LAND_USE_PROCEDURE = 'cap-gcn-quyen-su-dung-dat-lan-dau';
/** The applicant's land-use application, as the portal's form would send it. */
const LAND_USE_APPLICATION = {
  nguoiSuDungHoTen: 'Nguyễn Văn An',
  nguoiSuDungSoDinhDanh: '022090001234',
  namSinh: 1990,
  diaChiThuongTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
  soThua: '215',
  soToBanDo: '34',
  diaChiThuaDat: 'Tổ 7, khu 4, phường Hồng Hà, tỉnh Quảng Ninh',
  dienTich: 96.5,
  mucDichSuDung: 'ODT',
  nguonGoc: 'cong-nhan',
  thoiDiemSuDung: '1998-06-01',
  camDoan: true,
};

/**
 * A first land-use certificate submitted online by citizen1 and taken, as the officers would, to
 * the point where the process asks for the fees: received, appraised, both consulted agencies answered.
 */
export async function landUseDossierWaitingForFee(api: DossierApi): Promise<DossierSummary> {
  const submitted = await api.submit('citizen1', LAND_USE_PROCEDURE, LAND_USE_APPLICATION);
  await api.completeStep('reception.vpdk', submitted.id, 'Task_TiepNhan', { thanhPhanDaNhan: ['giay-to-1', 'giay-to-2'], receptionDecision: 'receive' });
  await api.completeStep('specialist.vpdk', submitted.id, 'Task_ThamDinh', {
    tieuChiThamDinh: ['thuoc-doi-tuong', 'giay-to-nguon-goc', 'phu-hop-quy-hoach', 'ban-do-dia-chinh', 'tai-san'],
    yKienThamDinh: 'Hồ sơ đầy đủ, hợp lệ, đủ điều kiện giải quyết',
    appraisalResult: 'meets',
  });
  await api.answerConsultation('specialist.hongha', submitted.id);
  await api.answerConsultation('specialist.thue', submitted.id);
  return api.waitForStatus('citizen1', submitted.id, 'waiting_for_fee');
}
