/**
 * The indicators of Decision 766/QĐ-TTg (23/6/2022) as the platform scores them: every indicator of
 * the five groups, its published formula, its points and how they follow from the value, and
 * whether the platform's own records can measure it. Numbers the published text could not confirm
 * are marked "to verify" in docs/legal-basis.md; they are policy, kept here and nowhere else.
 */

export type GroupId = 'transparency' | 'progress' | 'digitisation' | 'online' | 'satisfaction';

/** Where the data of an indicator lives. */
export type DataSource = 'platform' | 'national-portal' | 'national-procedure-database' | 'population-database' | 'data-warehouse';

/**
 * How points follow from the value (a percent): in proportion to it, or the full points once a
 * target is reached and in proportion to the value over the target below it.
 */
export type Scoring = { kind: 'proportional' } | { kind: 'target'; target: number };

/** What the platform counts for the indicators it can measure. */
export interface Measurements {
  /** Received in the period: handled (resolved, or withdrawn after receipt) by the original appointment. */
  handledOnTime: number;
  /** Received in the period: handled after the appointment, or still open past it. */
  handledLate: number;
  received: number;
  receivedOnline: number;
  /** Received with every mandatory document of the procedure as a file. */
  receivedDigitised: number;
  resolved: number;
  /** Resolved with a digitally signed electronic result. */
  resolvedWithSignedResult: number;
  feePaid: number;
  feePaidOnline: number;
  feedback: number;
  /** Answered by their deadline. */
  feedbackOnTime: number;
  /** Answered late, or still unanswered past their deadline. */
  feedbackLate: number;
  /** Received dossiers rated 1–2 stars, or with feedback about them, or handled late. */
  dossiersUnsatisfied: number;
  /** Received dossiers the national portal holds up to date: a change delivered, none waiting. */
  receivedSynced: number;
}

export interface IndicatorDefinition {
  id: string;
  group: GroupId;
  name: string;
  formula: string;
  /** Null where the indicator's own share of its group's points could not be read (to verify). */
  maxPoints: number | null;
  scoring: Scoring;
  source: DataSource;
  /** Why the platform cannot compute it, for the indicators it cannot. */
  reason?: string;
  measure?: (m: Measurements) => { numerator: number; denominator: number };
}

export interface GroupDefinition {
  id: GroupId;
  name: string;
  maxPoints: number;
}

/**
 * The five groups and their points out of 100. Transparency 18, progress 20 and satisfaction 18
 * are read in summaries of the decision; digitisation and online services share the remaining 44
 * (22 each: to verify against the appendix).
 */
export const GROUPS_766: readonly GroupDefinition[] = [
  { id: 'transparency', name: 'Công khai, minh bạch', maxPoints: 18 },
  { id: 'progress', name: 'Tiến độ, kết quả giải quyết', maxPoints: 20 },
  { id: 'digitisation', name: 'Số hóa hồ sơ', maxPoints: 22 },
  { id: 'online', name: 'Cung cấp dịch vụ trực tuyến', maxPoints: 22 },
  { id: 'satisfaction', name: 'Mức độ hài lòng', maxPoints: 18 },
];

export const INDICATORS_766: readonly IndicatorDefinition[] = [
  {
    id: '1.1',
    group: 'transparency',
    name: 'Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn',
    formula: 'Số TTHC được cập nhật, công khai đúng hạn trên Cơ sở dữ liệu quốc gia về TTHC ÷ Tổng số TTHC phải công khai × 100%',
    maxPoints: 4,
    scoring: { kind: 'proportional' },
    source: 'national-procedure-database',
    reason: 'Cần ngày công bố và ngày công khai của từng thủ tục trên Cơ sở dữ liệu quốc gia về TTHC; nền tảng không lưu các ngày này.',
  },
  {
    id: '1.2',
    group: 'transparency',
    name: 'Tỷ lệ hồ sơ được đồng bộ, công khai tiến độ trên Cổng Dịch vụ công quốc gia',
    formula: 'Số hồ sơ được đồng bộ trạng thái lên Cổng Dịch vụ công quốc gia ÷ Tổng số hồ sơ tiếp nhận × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'national-portal',
    // Counted from the platform's outbox of calls to the portal, once it is connected.
    reason: 'Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (NATIONAL_PORTAL_AUTH_URL): không có hồ sơ nào được đồng bộ để tính.',
    measure: (m) => ({ numerator: m.receivedSynced, denominator: m.received }),
  },
  {
    id: '2.1',
    group: 'progress',
    name: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    formula:
      'Số hồ sơ giải quyết (hoặc rút sau tiếp nhận) trước và đúng hạn ÷ (Số hồ sơ đã giải quyết + Số hồ sơ rút sau tiếp nhận + Số hồ sơ đang giải quyết đã quá hạn) × 100%, trên hồ sơ tiếp nhận trong kỳ',
    maxPoints: 20,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.handledOnTime, denominator: m.handledOnTime + m.handledLate }),
  },
  {
    id: '3.1',
    group: 'digitisation',
    name: 'Tỷ lệ số hóa hồ sơ thủ tục hành chính',
    formula: 'Số hồ sơ tiếp nhận có đủ thành phần hồ sơ bắt buộc ở dạng điện tử ÷ Tổng số hồ sơ tiếp nhận × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.receivedDigitised, denominator: m.received }),
  },
  {
    id: '3.2',
    group: 'digitisation',
    name: 'Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử',
    formula: 'Số hồ sơ đã giải quyết có kết quả điện tử được ký số ÷ Tổng số hồ sơ đã giải quyết × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.resolvedWithSignedResult, denominator: m.resolved }),
  },
  {
    id: '3.3',
    group: 'digitisation',
    name: 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa',
    formula: 'Số hồ sơ sử dụng lại giấy tờ, kết quả đã số hóa ÷ Tổng số hồ sơ tiếp nhận × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'data-warehouse',
    reason: 'Cần kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công quốc gia; nền tảng chưa ghi nhận giấy tờ được dùng lại.',
  },
  {
    id: '4.1',
    group: 'online',
    name: 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến',
    formula: 'Số TTHC cung cấp dịch vụ công trực tuyến toàn trình, một phần ÷ Tổng số TTHC thuộc thẩm quyền × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'national-procedure-database',
    reason: 'Tính trên danh mục TTHC của Cơ sở dữ liệu quốc gia về TTHC, không chỉ các thủ tục nền tảng đang vận hành.',
  },
  {
    id: '4.2',
    group: 'online',
    name: 'Tỷ lệ hồ sơ trực tuyến',
    formula: 'Số hồ sơ tiếp nhận trực tuyến ÷ Tổng số hồ sơ tiếp nhận (trực tuyến, trực tiếp, bưu chính) × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.receivedOnline, denominator: m.received }),
  },
  {
    id: '4.3',
    group: 'online',
    name: 'Tỷ lệ thanh toán trực tuyến',
    formula: 'Số hồ sơ nộp phí, lệ phí trực tuyến ÷ Tổng số hồ sơ có nộp phí, lệ phí × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.feePaidOnline, denominator: m.feePaid }),
  },
  {
    id: '4.4',
    group: 'online',
    name: 'Tỷ lệ hồ sơ khai thác dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư',
    formula: 'Số hồ sơ có thông tin công dân được xác thực, điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư ÷ Tổng số hồ sơ tiếp nhận × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'population-database',
    reason: 'Cần kết nối Cơ sở dữ liệu quốc gia về dân cư (VNeID); nền tảng chưa kết nối.',
  },
  {
    id: '5.1',
    group: 'satisfaction',
    name: 'Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn',
    formula: 'Tổng số phản ánh, kiến nghị xử lý đúng hoặc trước hạn ÷ Tổng số phản ánh, kiến nghị thuộc thẩm quyền tiếp nhận, xử lý × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.feedbackOnTime, denominator: m.feedback }),
  },
  {
    id: '5.2',
    group: 'satisfaction',
    name: 'Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị',
    formula: '(Tổng số phản ánh, kiến nghị − Số bị phản hồi không hài lòng hoặc xử lý quá hạn) ÷ Tổng số phản ánh, kiến nghị × 100%',
    maxPoints: null,
    scoring: { kind: 'proportional' },
    source: 'platform',
    measure: (m) => ({ numerator: m.feedback - m.feedbackLate, denominator: m.feedback }),
  },
  {
    id: '5.3',
    group: 'satisfaction',
    name: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính',
    formula:
      '(Tổng số hồ sơ TTHC − Số hồ sơ không hài lòng hoặc có phản ánh, kiến nghị về việc tiếp nhận, giải quyết, quá hạn) ÷ Tổng số hồ sơ TTHC có thẩm quyền giải quyết × 100%',
    maxPoints: 6,
    // Full points once the target of Resolution 76/NQ-CP for the period is reached.
    scoring: { kind: 'target', target: 90 },
    source: 'platform',
    measure: (m) => ({ numerator: m.received - m.dossiersUnsatisfied, denominator: m.received }),
  },
];

export interface ScoredIndicator {
  id: string;
  group: GroupId;
  name: string;
  formula: string;
  scoring: string;
  source: DataSource;
  computable: boolean;
  reason: string | null;
  numerator: number | null;
  denominator: number | null;
  /** Percent with two decimals; null when not computable or nothing to measure. */
  value: number | null;
  points: number | null;
  maxPoints: number | null;
}

export interface ScoredGroup {
  id: GroupId;
  name: string;
  maxPoints: number;
  /** Sum of the points of its scored indicators. */
  points: number;
  /** Points of the indicators the platform scored (the rest needs other systems or a verified scale). */
  scoredMaxPoints: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points of a value (percent) on an indicator's scale; null without a value or a known scale. */
export function pointsOf(value: number | null, maxPoints: number | null, scoring: Scoring): number | null {
  if (value === null || maxPoints === null) return null;
  if (scoring.kind === 'target') return value >= scoring.target ? maxPoints : round2((maxPoints * value) / scoring.target);
  return round2((maxPoints * value) / 100);
}

function scoringText(d: IndicatorDefinition): string {
  if (d.maxPoints === null) return 'Thang điểm của chỉ số chưa xác minh được';
  if (d.scoring.kind === 'target') return `Đạt ${d.maxPoints} điểm khi tỷ lệ ≥ ${d.scoring.target}%; dưới mức đó, điểm tỷ lệ với giá trị ÷ ${d.scoring.target}%`;
  return `Điểm = ${d.maxPoints} × tỷ lệ`;
}

/**
 * Every indicator of the decision, valued and scored where the platform's records allow: its own
 * ('platform'), or a system it keeps records of its exchanges with once connected (`connected`).
 */
export function score766(m: Measurements, connected: ReadonlySet<DataSource> = new Set()): { groups: ScoredGroup[]; indicators: ScoredIndicator[] } {
  const indicators = INDICATORS_766.map((d): ScoredIndicator => {
    const computable = d.measure !== undefined && (d.source === 'platform' || connected.has(d.source));
    const ratio = computable ? d.measure?.(m) : undefined;
    const value = ratio && ratio.denominator > 0 ? round2((ratio.numerator / ratio.denominator) * 100) : null;
    return {
      id: d.id,
      group: d.group,
      name: d.name,
      formula: d.formula,
      scoring: scoringText(d),
      source: d.source,
      computable,
      reason: computable ? null : (d.reason ?? null),
      numerator: ratio?.numerator ?? null,
      denominator: ratio?.denominator ?? null,
      value,
      points: pointsOf(value, d.maxPoints, d.scoring),
      maxPoints: d.maxPoints,
    };
  });
  const groups = GROUPS_766.map((g): ScoredGroup => {
    const scored = indicators.filter((i) => i.group === g.id && i.points !== null);
    return {
      id: g.id,
      name: g.name,
      maxPoints: g.maxPoints,
      points: round2(scored.reduce((sum, i) => sum + (i.points ?? 0), 0)),
      scoredMaxPoints: scored.reduce((sum, i) => sum + (i.maxPoints ?? 0), 0),
    };
  });
  return { groups, indicators };
}
