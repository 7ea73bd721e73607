import { createHmac } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DossierLifecycle } from '../../src/dossiers/dossier-lifecycle.service.js';
import type { DossierRecord, NewDossier } from '../../src/dossiers/dossier.schema.js';
import { DossierStatus, LEGAL_TRANSITIONS } from '../../src/dossiers/dossier-status.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { ProceduresService } from '../../src/procedures/procedures.service.js';

export const LAND_PROCEDURE = 'cap-gcn-quyen-su-dung-dat-lan-dau';

/** A process that waits for `fee-paid` correlated by the dossier id, as the shipped land procedure does. */
export const WAITS_FOR_FEE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="waits-for-fee" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="paid" />
    <bpmn:sequenceFlow id="f2" sourceRef="paid" targetRef="end" />
  </bpmn:process>
  <bpmn:message id="m" name="fee-paid"><bpmn:extensionElements><zeebe:subscription correlationKey="= dossierId" /></bpmn:extensionElements></bpmn:message>
</bpmn:definitions>`;

let counter = 0;

/**
 * A dossier of a published procedure written straight through the dossiers repository, in the
 * state a test needs: the job workers that drive a dossier to "waiting for fee" (motcua.fee) are
 * not part of these tests, so the status is set as that worker would set it, with its history row.
 */
export async function insertDossier(
  app: INestApplication,
  fields: Partial<NewDossier> & { applicantUserId: string | null },
  status: DossierStatus = DossierStatus.Processing,
): Promise<DossierRecord> {
  const procedures = app.get(ProceduresService);
  const procedure = await procedures.procedure(fields.procedureSlug ?? LAND_PROCEDURE);
  const db = app.get<Database>(DATABASE);
  const repository = app.get(DossiersRepository);
  counter += 1;
  const dossier = await db.transaction((tx) =>
    repository.insert(
      {
        code: `${procedure.agencyCode}-T${process.pid}-${String(counter).padStart(4, '0')}`,
        procedureCode: procedure.code,
        procedureSlug: procedure.slug,
        procedureVersion: procedure.currentVersion,
        procedureName: procedure.name,
        agencyCode: procedure.agencyCode,
        applicantName: 'Nguyễn Văn An',
        status: DossierStatus.Received,
        startState: 'none',
        ...fields,
      },
      tx,
    ),
  );
  const lifecycle = app.get(DossierLifecycle);
  let current = dossier;
  // The fee worker asks for the fee while the dossier is processed: a paid fee takes it back there.
  const path =
    status === DossierStatus.WaitingForFee
      ? [...legalPath(dossier.status as DossierStatus, DossierStatus.Processing), status]
      : legalPath(dossier.status as DossierStatus, status);
  for (const next of path) {
    current = await lifecycle.setStatus(dossier.id, next, { note: 'test setup' });
  }
  return current;
}

/** The shortest chain of legal transitions from one status to another, as the lifecycle allows it. */
function legalPath(from: DossierStatus, to: DossierStatus): DossierStatus[] {
  const previous = new Map<DossierStatus, DossierStatus>();
  const queue: DossierStatus[] = [from];
  while (queue.length > 0) {
    const status = queue.shift()!;
    if (status === to) break;
    for (const next of LEGAL_TRANSITIONS[status]) {
      if (next !== from && !previous.has(next)) {
        previous.set(next, status);
        queue.push(next);
      }
    }
  }
  if (from !== to && !previous.has(to)) throw new Error(`no legal path from ${from} to ${to}`);
  const path: DossierStatus[] = [];
  for (let s = to; s !== from; s = previous.get(s)!) path.unshift(s);
  return path;
}

/**
 * The gateway's signature computed here independently of the platform's code: `vnp_` fields
 * sorted by name, form-encoded, HMAC-SHA512 in hex.
 */
export function gatewaySign(params: Record<string, string>, secret: string): Record<string, string> {
  const data = Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash')
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]).replace(/%20/g, '+')}`)
    .join('&');
  return { ...params, vnp_SecureHash: createHmac('sha512', secret).update(data).digest('hex') };
}
