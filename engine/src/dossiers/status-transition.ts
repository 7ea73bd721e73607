import { ConflictException } from '@nestjs/common';
import { canTransition, STATUS_LABELS, type DossierStatus } from './dossier-status.js';

/** A status change the one-stop flow does not allow; the API answers 409 and nothing is written. */
export class IllegalStatusTransition extends ConflictException {
  constructor(
    readonly code: string,
    readonly from: DossierStatus,
    readonly to: DossierStatus,
  ) {
    super(`Dossier ${code} cannot go from '${from}' (${STATUS_LABELS[from]}) to '${to}' (${STATUS_LABELS[to]})`);
  }
}

/** Throws IllegalStatusTransition unless `from` → `to` is listed in LEGAL_TRANSITIONS (staying put is allowed). */
export function assertTransition(dossier: { code: string; status: string }, to: DossierStatus): void {
  const from = dossier.status as DossierStatus;
  if (from !== to && !canTransition(from, to)) throw new IllegalStatusTransition(dossier.code, from, to);
}
