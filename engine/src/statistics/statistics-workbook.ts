import ExcelJS from 'exceljs';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { shortDateTime } from '../documents/vietnamese-format.js';
import type { ScoredGroup, ScoredIndicator } from './decision766.js';
import type { Decision766, Ratio } from './indicators.js';
import type { StatisticsRow } from './statistics.service.js';

/** Administrative levels as the province names them; a level the platform does not know keeps its code. */
const LEVEL_LABELS: Record<string, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? `Cấp ${level}`;
}

const GROUP_LABELS: Record<string, string> = { agency: 'Cơ quan', procedure: 'Thủ tục', level: 'Cấp', period: 'Kỳ' };

/** Columns of the dossier sheet: Vietnamese header and the row's field. */
const COLUMNS: [string, keyof StatisticsRow][] = [
  ['Tổng số hồ sơ nộp', 'submitted'],
  ['Đã tiếp nhận', 'received'],
  ['Trực tuyến', 'online'],
  ['Trực tiếp', 'counter'],
  ['Bưu chính', 'post'],
  ['Từ chối tiếp nhận', 'notReceived'],
  ['Đã rút', 'withdrawn'],
  ['Đã giải quyết', 'resolved'],
  ['Trước hạn', 'early'],
  ['Đúng hạn', 'onTime'],
  ['Trễ hạn', 'late'],
  ['Không có hạn', 'withoutDeadline'],
  ['Đang giải quyết', 'inProgress'],
  ['Sắp đến hạn', 'dueSoon'],
  ['Quá hạn', 'overdue'],
  ['Tạm dừng (chờ bổ sung)', 'paused'],
  ['Tỷ lệ đúng hạn (%)', 'onTimeRate'],
  ['Tỷ lệ trực tuyến (%)', 'onlineRate'],
];

export interface WorkbookInput {
  title: string;
  groupBy: string;
  filter: { from: string; to: string; agencyCode?: string; procedureCode?: string; level?: string };
  rows: StatisticsRow[];
  total: StatisticsRow;
  indicators: Decision766;
  /** Every indicator of the decision, scored where the platform measures it. */
  scored: { groups: ScoredGroup[]; indicators: ScoredIndicator[] };
  /** The centre's offset from UTC: the period is written in local time. */
  utcOffsetMinutes: number;
}

/** The figures as an .xlsx workbook: one sheet of dossier counts, one of Decision 766 indicators. */
export async function statisticsWorkbook(input: WorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Một cửa';
  const sheet = workbook.addWorksheet('Thống kê hồ sơ');
  sheet.addRow([input.title]).font = { bold: true, size: 14 };
  const { from, to, agencyCode, level } = input.filter;
  const local = (instant: string) => shortDateTime(instant, input.utcOffsetMinutes);
  sheet.addRow([`Từ ${local(from)} đến ${local(to)}${agencyCode ? ` – ${AgencyDirectory.shared().nameOf(agencyCode)}` : ''}${level ? ` – ${levelLabel(level)}` : ''}`]);
  sheet.addRow([]);
  const header = sheet.addRow([GROUP_LABELS[input.groupBy] ?? input.groupBy, 'Tên', ...COLUMNS.map(([label]) => label)]);
  header.font = { bold: true };
  for (const row of input.rows) {
    const name = row.name ?? (input.groupBy === 'level' ? levelLabel(row.key) : '');
    sheet.addRow([row.key, name, ...COLUMNS.map(([, field]) => row[field])]);
  }
  const total = sheet.addRow(['Tổng cộng', '', ...COLUMNS.map(([, field]) => input.total[field])]);
  total.font = { bold: true };
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 40;
  sheet.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];

  const indicators = workbook.addWorksheet('Chỉ số QĐ 766');
  indicators.addRow(['Chỉ số', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)', 'Mục tiêu (%)']).font = { bold: true };
  const add = (label: string, value: Ratio, target?: number) => indicators.addRow([label, value.numerator, value.denominator, value.percent, target ?? null]);
  const i = input.indicators;
  add('Hồ sơ giải quyết đúng hạn (kể cả trước hạn)', i.progress.onTimeRate, i.progress.target);
  indicators.addRow(['Điểm tiến độ giải quyết', i.progress.points, i.progress.maxPoints]);
  add('Hồ sơ nộp trực tuyến', i.onlineServices.submittedOnline);
  for (const byLevel of i.onlineServices.byLevel) add(`Hồ sơ nộp trực tuyến – ${levelLabel(byLevel.level).toLowerCase()}`, byLevel);
  add('Hồ sơ thanh toán trực tuyến', i.onlineServices.paidOnline);
  add('Lấy ý kiến được trả lời trên hệ thống', i.onlineServices.consultationsAnsweredElectronically, i.onlineServices.consultationTarget);
  add('Hồ sơ được số hóa thành phần', i.digitisation.dossiersDigitised);
  add('Kết quả giải quyết được số hóa', i.digitisation.resultsDigitised);
  add('Kết quả được ký số', i.digitisation.resultsSigned, i.digitisation.target);
  add('Mức độ hài lòng (đánh giá 4–5 sao)', i.satisfaction.satisfied, i.satisfaction.target);
  indicators.getColumn(1).width = 48;

  const scores = workbook.addWorksheet('Điểm QĐ 766');
  scores.addRow(['Nhóm', 'Chỉ số', 'Tên chỉ số', 'Công thức', 'Cách cho điểm', 'Tử số', 'Mẫu số', 'Giá trị (%)', 'Điểm', 'Điểm tối đa', 'Ghi chú']).font = { bold: true };
  for (const group of input.scored.groups) {
    scores.addRow([group.name, '', '', '', '', null, null, null, group.points, group.maxPoints, `Điểm tính được trên ${group.scoredMaxPoints} điểm`]).font = { bold: true };
    for (const i of input.scored.indicators.filter((x) => x.group === group.id)) {
      scores.addRow([group.name, i.id, i.name, i.formula, i.scoring, i.numerator, i.denominator, i.value, i.points, i.maxPoints, i.computable ? '' : `Không tính được trên hệ thống: ${i.reason}`]);
    }
  }
  scores.getColumn(3).width = 48;
  scores.getColumn(4).width = 60;
  scores.getColumn(11).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
