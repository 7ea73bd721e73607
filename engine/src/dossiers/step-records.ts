import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/database.js';
import { ControlSheet } from './control-sheet.service.js';
import { DossierLifecycle, type ChangeContext } from './dossier-lifecycle.service.js';
import { DossierStatus } from './dossier-status.js';
import { DossiersRepository } from './dossiers.repository.js';

/**
 * What an officer's completion of a step changes in the platform's records, as plain data: it is
 * kept in the completion outbox (JSON) when the engine is a cluster, and applied from there.
 * Instants are ISO strings.
 */
export interface StepRecords {
  dossierId: string;
  userTaskKey: string;
  completedAt: string;
  receiver: { id: string; name: string };
  actor: ChangeContext;
  /** The dossier is received with this appointment. */
  receive?: { dueDate: string; warningDate: string; receivedAt?: string };
  /** The dossier is refused at reception, for these reasons. */
  refuse?: { reasons: string | null };
  supplement?: { reason: string; missingItems: string[] };
  /** The leader confirmed the appraisal's refusal: processing stops. */
  stop?: { reasons: string };
  reschedule?: { newDueDate: string; reason: string; responsibleUnit: string };
  /** The step was the reception's: a dossier whose result is ready is now returned. */
  reception: boolean;
}

/** Applies a step's records: the close on the control sheet and the statuses its decisions lead to. */
@Injectable()
export class StepRecordsWriter {
  constructor(
    private readonly controlSheet: ControlSheet,
    private readonly lifecycle: DossierLifecycle,
    private readonly dossiers: DossiersRepository,
  ) {}

  async apply(records: StepRecords, tx: Transaction): Promise<void> {
    const { dossierId, actor } = records;
    await this.controlSheet.complete(
      { userTaskKey: records.userTaskKey, completedAt: new Date(records.completedAt), receiverId: records.receiver.id, receiverName: records.receiver.name },
      tx,
    );
    if (records.receive) {
      const appointment = { dueDate: new Date(records.receive.dueDate), warningDate: new Date(records.receive.warningDate) };
      const receivedAt = records.receive.receivedAt ? new Date(records.receive.receivedAt) : undefined;
      await this.lifecycle.receive(dossierId, appointment, { ...actor, note: 'Tiếp nhận hồ sơ' }, tx, receivedAt);
    } else if (records.refuse) {
      await this.lifecycle.setStatus(dossierId, DossierStatus.NotReceived, { ...actor, note: records.refuse.reasons }, tx);
    }
    if (records.supplement) await this.lifecycle.requestSupplement(dossierId, records.supplement, actor, tx);
    if (records.stop) await this.lifecycle.setStatus(dossierId, DossierStatus.Stopped, { ...actor, note: records.stop.reasons }, tx);
    if (records.reschedule) {
      await this.lifecycle.reschedule(dossierId, { ...records.reschedule, newDueDate: new Date(records.reschedule.newDueDate) }, actor, tx);
    }
    if (records.reception && (await this.dossiers.findById(dossierId, tx))?.status === DossierStatus.Done) {
      await this.lifecycle.setStatus(dossierId, DossierStatus.Returned, { ...actor, note: 'Đã trả kết quả' }, tx);
    }
  }
}
