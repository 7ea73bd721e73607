import { DossierStatus } from '../dossiers/dossier-status.js';

/**
 * The national portal's ten dossier status codes (TrangThaiHoSo / TrangThai), docs/national-portal.md.
 * The platform's statuses were drawn from the same list, one for one.
 */
export const NATIONAL_STATUS_CODE: Readonly<Record<DossierStatus, number>> = {
  [DossierStatus.New]: 1, // Mới đăng ký
  [DossierStatus.Received]: 2, // Được tiếp nhận
  [DossierStatus.NotReceived]: 3, // Không được tiếp nhận
  [DossierStatus.Processing]: 4, // Đang xử lý
  [DossierStatus.SupplementRequested]: 5, // Yêu cầu bổ sung giấy tờ
  [DossierStatus.WaitingForFee]: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  [DossierStatus.Withdrawn]: 7, // Công dân yêu cầu rút hồ sơ
  [DossierStatus.Stopped]: 8, // Dừng xử lý
  [DossierStatus.Done]: 9, // Đã xử lý xong
  [DossierStatus.Returned]: 10, // Đã trả kết quả
};
