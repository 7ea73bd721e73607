import type { CalendarOverride } from './working-calendar.js';

/** A day the government's yearly announcement moves off or onto the working calendar, with its source. */
export interface OfficialDaySwap extends CalendarOverride {
  source: string;
}

/**
 * The announced changes to the statutory calendar for civil servants (cán bộ, công chức, viên
 * chức), shipped as data: an administrator's override of the same date wins (calendar_overrides).
 * Every entry names the announcement it comes from; see docs/legal-basis.md.
 */
export const OFFICIAL_DAY_SWAPS: readonly OfficialDaySwap[] = [
  // Tết Ất Tỵ 2025: nine days off, Saturday 25/1 to Sunday 2/2/2025; the five Tết days are
  // 27/1–31/1, so Monday 3/2 is no compensatory day. Announcement to verify (Ministry of Labour,
  // Invalids and Social Affairs notice on Tết 2025, late 2024).
  { date: '2025-01-27', kind: 'day_off', name: 'Nghỉ Tết Nguyên Đán Ất Tỵ', source: 'Thông báo nghỉ Tết Âm lịch 2025 (số hiệu cần xác minh)' },
  { date: '2025-02-03', kind: 'working_day', name: 'Làm việc sau Tết Nguyên Đán Ất Tỵ', source: 'Thông báo nghỉ Tết Âm lịch 2025 (số hiệu cần xác minh)' },
  // 30/4–1/5/2025: Friday 2/5 swapped with Saturday 26/4 (five days off, 30/4–4/5), as the
  // Prime Minister approved on the ministry's proposal (reported by thoidai.com.vn, April 2025).
  { date: '2025-04-26', kind: 'working_day', name: 'Làm việc hoán đổi cho thứ Sáu 02/5/2025', source: 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025 do Thủ tướng Chính phủ đồng ý' },
  { date: '2025-05-02', kind: 'day_off', name: 'Nghỉ hoán đổi dịp 30/4–1/5', source: 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025 do Thủ tướng Chính phủ đồng ý' },
  // Tết Dương lịch 2026: Official Letter 12729/VPCP-KGVX of 25/12/2025 approves the Ministry of
  // Home Affairs' proposal: four days off, 1/1–4/1/2026, Friday 2/1 swapped with Saturday 10/1.
  { date: '2026-01-02', kind: 'day_off', name: 'Nghỉ hoán đổi dịp Tết Dương lịch 2026', source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025' },
  { date: '2026-01-10', kind: 'working_day', name: 'Làm việc hoán đổi cho thứ Sáu 02/01/2026', source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025' },
];

/** The official swaps under the administrator's overrides: an override of the same date replaces the swap. */
export function withOfficialSwaps(overrides: readonly CalendarOverride[], swaps: readonly OfficialDaySwap[] = OFFICIAL_DAY_SWAPS): CalendarOverride[] {
  const byDate = new Map<string, CalendarOverride>(swaps.map(({ date, kind, name }) => [date, { date, kind, name }]));
  for (const override of overrides) byDate.set(override.date, override);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
