import { BadRequestException } from '@nestjs/common';

/** Refuses a request option the embedded engine does not implement instead of ignoring it silently. */
export function rejectUnsupported(present: unknown, field: string): void {
  if (present !== undefined && present !== null && present !== false && present !== 0) {
    throw new BadRequestException(`${field} is not supported by the embedded engine`);
  }
}
