import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import type { ConsultationRecord } from '../consultations/consultation.schema.js';
import { ConsultationsService } from '../consultations/consultations.service.js';
import type { Executor } from '../database/database.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import { FederationDelivery } from './federation-delivery.js';
import { FederationMessages, type VerifiedMessage } from './federation-messages.js';
import { FEDERATION_SETTINGS, type FederationSettings, type Peer } from './federation-settings.js';
import { InboundRepository } from './inbound.repository.js';
import { OutboxRepository } from './outbox.repository.js';

export interface ExternalConsultation {
  /** The local request the consultation worker opened: its id correlates the answer. */
  consultation: ConsultationRecord;
  dossier: DossierRecord;
  deadlineDays: number;
}

/** What a peer gets back for a message; the same again for a retry or a replay of it. */
export type Receipt = Record<string, unknown>;

/**
 * Consultations with agencies served by another platform instance. Outgoing: the request goes to
 * the outbox and the delivery loop sends it signed. Incoming: a verified request opens a request
 * in the consulted agency's inbox, a verified answer answers the local request as the remote
 * officer, which the waiting process hears as `consultation-answered`. A peer's message is
 * applied once per `jti`; every later copy gets the first receipt.
 */
@Injectable()
export class FederationService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Federation');

  constructor(
    @Inject(FEDERATION_SETTINGS) private readonly settings: FederationSettings,
    private readonly messages: FederationMessages,
    private readonly outbox: OutboxRepository,
    private readonly inbound: InboundRepository,
    private readonly delivery: FederationDelivery,
    private readonly consultations: ConsultationsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.peers.length > 0) this.delivery.start(() => this.queueAnswers());
  }

  /** True when the agency is served by another instance (FEDERATION_PEERS). */
  isExternal(agencyCode: string): boolean {
    return this.peerOf(agencyCode) !== undefined;
  }

  /** The instance id and public key peers verify this instance's messages with. */
  publicKeys(): { id: string; keys: unknown[] } {
    return { id: this.settings.instanceId, keys: [this.settings.publicJwk] };
  }

  /**
   * Puts the request in the outbox, once per consultation; pass the transaction that opened it so
   * both commit together. Sent by the delivery loop until the peer acknowledges it.
   */
  async sendConsultation(request: ExternalConsultation, tx?: Executor): Promise<void> {
    const { consultation, dossier, deadlineDays } = request;
    const peer = this.peerOf(consultation.consultedAgency);
    if (!peer) throw new Error(`Agency ${consultation.consultedAgency} is not served by a peer instance`);
    await this.outbox.enqueue(
      {
        peerId: peer.id,
        kind: 'consultation.request',
        dedupeKey: `consultation.request:${consultation.id}`,
        payload: {
          kind: 'consultation.request',
          consultation: {
            id: consultation.id,
            requestingAgency: consultation.requestingAgency,
            consultedAgency: consultation.consultedAgency,
            question: consultation.question,
            deadlineDays,
            requestedAt: consultation.requestedAt.toISOString(),
            dueAt: consultation.dueAt.toISOString(),
            elementId: consultation.elementId,
          },
          dossier: { id: dossier.id, code: dossier.code, procedureCode: dossier.procedureCode, procedureName: dossier.procedureName, applicantName: dossier.applicantName },
        },
      },
      new Date(),
      tx,
    );
    if (!tx) this.delivery.wake();
  }

  /** Verifies and applies a peer's message (401 when it is not authentic, fresh and for us). */
  async receive(compact: string): Promise<Receipt> {
    const message = await this.messages.verify(compact);
    const earlier = await this.inbound.find(message.peer.id, message.jti);
    if (earlier) return this.repeat(earlier.digest, earlier.response, message);
    const { receipt, consultationId, remoteConsultationId } = message.kind === 'consultation.request' ? await this.acceptRequest(message) : await this.acceptAnswer(message);
    const stored = await this.inbound.record({
      peerId: message.peer.id,
      jti: message.jti,
      kind: message.kind,
      digest: message.digest,
      message: compact,
      receivedAt: new Date(),
      consultationId,
      remoteConsultationId,
      response: receipt,
    });
    return this.repeat(stored.digest, stored.response, message);
  }

  /**
   * Answers of requests that came from peers, into the outbox to go back: the local answer path
   * (the consultations inbox) knows nothing of peers, so answered requests are picked up here.
   * Marking the request and enqueueing the answer commit together.
   */
  async queueAnswers(): Promise<number> {
    let queued = 0;
    for (const { inbound, consultation } of await this.inbound.answeredNotQueued(50)) {
      const peer = this.settings.peers.find((p) => p.id === inbound.peerId);
      if (!peer) {
        this.logger.error(`Answer to consultation ${inbound.remoteConsultationId} cannot go back: peer ${inbound.peerId} is no longer configured`);
        continue;
      }
      const now = new Date();
      const marked = await this.inbound.transaction(async (tx) => {
        if (!(await this.inbound.markAnswerQueued(inbound.peerId, inbound.jti, now, tx))) return false;
        await this.outbox.enqueue(
          {
            peerId: peer.id,
            kind: 'consultation.answer',
            dedupeKey: `consultation.answer:${consultation.id}`,
            payload: {
              kind: 'consultation.answer',
              consultation: { id: inbound.remoteConsultationId, consultedAgency: consultation.consultedAgency, answeredAs: consultation.id },
              answer: {
                opinion: consultation.answer,
                officer: { id: consultation.answeredBy, name: consultation.answeredByName },
                answeredAt: consultation.answeredAt!.toISOString(),
              },
            },
          },
          now,
          tx,
        );
        return true;
      });
      if (marked) queued++;
    }
    return queued;
  }

  private async acceptRequest(message: VerifiedMessage) {
    const { peer, body } = message;
    const agency = text(body, 'consultation.consultedAgency');
    if (this.isExternal(agency)) throw new BadRequestException(`consultation.consultedAgency: ${agency} is not served by this instance`);
    // A peer asks only for the agencies it hosts: otherwise its copy would land in a local agency's lists.
    const requestingAgency = text(body, 'consultation.requestingAgency');
    if (!peer.agencies.includes(requestingAgency)) throw new ForbiddenException(`${peer.id} does not host ${requestingAgency}: it may ask only for ${peer.agencies.join(', ') || 'no agency'}`);
    const remoteConsultationId = text(body, 'consultation.id');
    const deadlineDays = Number(value(body, 'consultation.deadlineDays'));
    if (!Number.isInteger(deadlineDays) || deadlineDays < 1 || deadlineDays > 999) throw new BadRequestException('consultation.deadlineDays must be a whole number of working days (1-999)');
    const remoteDossierId = text(body, 'dossier.id');
    const dossier = await this.inbound.mirrorDossier(peer.id, remoteDossierId, () => ({
      code: text(body, 'dossier.code'),
      procedureCode: text(body, 'dossier.procedureCode'),
      procedureName: optionalText(body, 'dossier.procedureName'),
      // The dossier stays the requesting agency's: the request shows who asked.
      agencyCode: requestingAgency,
      applicantName: text(body, 'dossier.applicantName'),
      status: 'processing',
      channel: 'interagency',
      startState: 'none',
      submittedBy: `peer:${peer.id}`,
    }));
    const record = await this.consultations.open({
      // The peer's request id: a second copy of the request finds the request it opened.
      jobKey: `peer:${peer.id}:${remoteConsultationId}`,
      dossier,
      processInstanceKey: `peer:${peer.id}`,
      elementId: text(body, 'consultation.elementId'),
      agency,
      question: text(body, 'consultation.question'),
      deadlineDays,
    });
    this.logger.log(`Consultation ${remoteConsultationId} from ${peer.id} opened as ${record.id} for ${agency}`);
    return { receipt: { status: 'accepted', consultationId: record.id, dueAt: record.dueAt.toISOString() }, consultationId: record.id, remoteConsultationId };
  }

  private async acceptAnswer(message: VerifiedMessage) {
    const { peer, body } = message;
    const consultationId = text(body, 'consultation.id');
    const agency = text(body, 'consultation.consultedAgency');
    if (!peer.agencies.includes(agency)) throw new ForbiddenException(`${peer.id} does not answer for ${agency}`);
    const officerId = text(body, 'answer.officer.id');
    // The remote officer, as this instance's consultation rules see him: an officer of the consulted agency.
    const officer: AuthenticatedUser = {
      id: `${peer.id}#${officerId}`,
      username: officerId,
      name: optionalText(body, 'answer.officer.name') ?? officerId,
      roles: [Role.Specialist],
      agencyCode: agency,
    };
    const opinion = text(body, 'answer.opinion');
    const remoteConsultationId = text(body, 'consultation.answeredAs');
    try {
      await this.consultations.answer(officer, consultationId, opinion);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      return { receipt: { status: 'already-answered', consultationId }, consultationId, remoteConsultationId };
    }
    this.logger.log(`Answer of ${agency} (${peer.id}) recorded on consultation ${consultationId}`);
    return { receipt: { status: 'recorded', consultationId, answeredAt: text(body, 'answer.answeredAt') }, consultationId, remoteConsultationId };
  }

  /** The receipt of the first copy; a different message under an id already used is a conflict. */
  private repeat(storedDigest: string, receipt: Receipt, message: VerifiedMessage): Receipt {
    if (storedDigest !== message.digest) throw new ConflictException(`Message ${message.jti} from ${message.peer.id} was received before with other content`);
    return receipt;
  }

  private peerOf(agencyCode: string): Peer | undefined {
    return this.settings.peers.find((p) => p.agencies.includes(agencyCode));
  }
}

function value(body: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), body);
}

function text(body: Record<string, unknown>, path: string): string {
  const found = value(body, path);
  if (typeof found !== 'string' || found.length === 0 || found.length > 4000) throw new BadRequestException(`${path} must be a non-empty string of at most 4000 characters`);
  return found;
}

function optionalText(body: Record<string, unknown>, path: string): string | null {
  return value(body, path) === undefined || value(body, path) === null ? null : text(body, path);
}
