import { BadRequestException } from '@nestjs/common';

/**
 * How far ahead a new appointment (apology letter, Circular 03/2025/TT-VPCP form 04) may be set.
 * Legal processing times are days to months; a date years away is a typing error, and the working
 * calendar would have to walk every day up to it.
 */
export const MAX_APPOINTMENT_YEARS = 5;

/** Refuses a new appointment that is not a date, not in the future, or beyond the window. */
export function checkNewAppointment(date: Date, now: Date): void {
  if (Number.isNaN(date.getTime())) throw new BadRequestException('Ngày hẹn trả kết quả mới không hợp lệ');
  if (date <= now) throw new BadRequestException('Ngày hẹn trả kết quả mới phải sau thời điểm hiện tại');
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_APPOINTMENT_YEARS);
  if (date > latest) {
    throw new BadRequestException(`Ngày hẹn trả kết quả mới không được quá ${MAX_APPOINTMENT_YEARS} năm kể từ hôm nay`);
  }
}
