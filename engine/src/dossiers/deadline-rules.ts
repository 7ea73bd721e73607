import { BadRequestException, ConflictException } from '@nestjs/common';
import type { WorkingCalendar } from '../calendar/working-calendar.js';

/**
 * The rules that keep a dossier's deadline honest, enforced by the platform whatever the model
 * does (sources in docs/legal-basis.md): the applicant is guided to supplement once, in writing;
 * one apology with a new appointment, sent no later than the working day before the appointment,
 * naming a working day. Messages are Vietnamese first, then English.
 */

/** How many supplement requests a procedure allows when its catalogue says nothing. */
export const DEFAULT_MAX_SUPPLEMENT_REQUESTS = 1;

/** Refuses a supplement request beyond the procedure's allowance (409). */
export function assertSupplementAllowed(previousRequests: number, maxRequests = DEFAULT_MAX_SUPPLEMENT_REQUESTS): void {
  if (previousRequests < maxRequests) return;
  throw new ConflictException(
    `Hồ sơ đã được yêu cầu bổ sung ${previousRequests} lần; chỉ được hướng dẫn bổ sung, hoàn thiện hồ sơ ${maxRequests === 1 ? 'một lần' : `tối đa ${maxRequests} lần`}. ` +
      `(The applicant has already been asked to supplement this dossier ${previousRequests} time(s); at most ${maxRequests} request(s) allowed.)`,
  );
}

export interface ApologyCheck {
  /** The dossier's appointment (the original one: an apology never moves it). */
  dueDate: Date | null;
  /** Apology letters already given for the dossier. */
  previousApologies: number;
  newDueDate: Date;
  now: Date;
}

/** Refuses an apology that breaks the rules: a second one, a late one, or one naming a day off. */
export function assertApologyAllowed(calendar: WorkingCalendar, check: ApologyCheck): void {
  if (check.previousApologies > 0) {
    throw new ConflictException(
      'Hồ sơ đã có thư xin lỗi và hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần. (This dossier already has an apology letter with a new appointment; only one is allowed.)',
    );
  }
  if (!check.dueDate) {
    throw new ConflictException('Hồ sơ chưa được tiếp nhận nên chưa có ngày hẹn trả kết quả. (The dossier has not been received: it has no appointment yet.)');
  }
  const dueDay = calendar.localDay(check.dueDate);
  const latestDay = calendar.previousWorkingDay(dueDay);
  if (calendar.localDay(check.now) > latestDay) {
    throw new ConflictException(
      `Thư xin lỗi phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả (${formatDay(dueDay)}), tức là đến hết ngày ${formatDay(latestDay)}. ` +
        `(The apology must be sent at least one working day before the appointment: by ${latestDay}.)`,
    );
  }
  const newDay = calendar.localDay(check.newDueDate);
  if (!calendar.isWorkingDay(newDay)) {
    throw new BadRequestException(`Ngày hẹn trả kết quả mới ${formatDay(newDay)} không phải ngày làm việc. (The new appointment ${newDay} is not a working day.)`);
  }
  if (check.newDueDate <= check.dueDate) {
    throw new BadRequestException(`Ngày hẹn trả kết quả mới phải sau ngày hẹn ban đầu ${formatDay(dueDay)}. (The new appointment must be after the original one.)`);
  }
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
