import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { FederationMessages } from './federation-messages.js';
import { FEDERATION_SETTINGS, type FederationSettings } from './federation-settings.js';
import type { OutboxRecord } from './federation.schema.js';
import { OutboxRepository } from './outbox.repository.js';

/** How often the outbox is looked at when nothing woke the loop. */
const POLL_MS = 1000;
/** An attempt's hold on its message: longer than the request timeout. */
const LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
const BATCH = 10;

/**
 * Delivers the outbox: each due message is signed afresh and POSTed to its peer; a 2xx marks it
 * delivered, anything else (peer down, timeout, 5xx, refusal) schedules another attempt with
 * doubling back-off capped at FEDERATION_RETRY_MAX_SECONDS. Pending rows outlive restarts.
 */
@Injectable()
export class FederationDelivery implements OnApplicationShutdown {
  private readonly logger = new Logger('Federation');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private beforePass: () => Promise<unknown> = async () => undefined;

  constructor(
    @Inject(FEDERATION_SETTINGS) private readonly settings: FederationSettings,
    private readonly outbox: OutboxRepository,
    private readonly messages: FederationMessages,
  ) {}

  /** Starts the loop; `beforePass` runs first in every pass (it may fill the outbox). */
  start(beforePass: () => Promise<unknown>): void {
    this.beforePass = beforePass;
    this.stopped = false;
    this.schedule(0);
  }

  /** Something was enqueued: run a pass now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: Error) => this.logger.error(`Delivery pass: ${error.message}`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.again ? 0 : POLL_MS);
          this.again = false;
        });
    }, delay);
  }

  private async pass(): Promise<void> {
    await this.beforePass();
    for (;;) {
      const now = new Date();
      const due = await this.outbox.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
      for (const message of due) {
        if (this.stopped) return;
        await this.deliver(message);
      }
      if (due.length < BATCH || this.stopped) return;
    }
  }

  private async deliver(message: OutboxRecord): Promise<void> {
    const attempts = message.attempts + 1;
    const peer = this.settings.peers.find((p) => p.id === message.peerId);
    if (!peer) return this.retry(message, attempts, `peer ${message.peerId} is no longer in FEDERATION_PEERS`);
    try {
      const signed = await this.messages.sign(peer, message.id, message.payload);
      const response = await fetch(`${peer.url}/api/federation/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ message: signed }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) return this.retry(message, attempts, `HTTP ${response.status}: ${text.slice(0, 500)}`);
      await this.outbox.markDelivered(message.id, attempts, new Date(), parseObject(text));
      this.logger.log(`${message.kind} ${message.id} delivered to ${peer.id} (attempt ${attempts})`);
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      await this.retry(message, attempts, `${(error as Error).message}${cause ? ` (${cause})` : ''}`);
    }
  }

  private async retry(message: OutboxRecord, attempts: number, error: string): Promise<void> {
    const seconds = Math.min(this.settings.retryMaxSeconds, 2 ** Math.min(attempts - 1, 20) * (0.75 + Math.random() * 0.5));
    await this.outbox.scheduleRetry(message.id, attempts, new Date(Date.now() + seconds * 1000), error);
    this.logger.warn(`${message.kind} ${message.id} to ${message.peerId} not delivered (attempt ${attempts}): ${error}; next in ${Math.round(seconds)} s`);
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { body: value };
  } catch {
    return { body: text.slice(0, 2000) };
  }
}
