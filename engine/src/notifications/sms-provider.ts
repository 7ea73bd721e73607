import { Logger } from '@nestjs/common';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface SmsMessage {
  /** Phone number, e.g. 0912345678. */
  to: string;
  body: string;
  dossierId?: string | null;
}

/**
 * An SMS gateway. Carriers' brand-name gateways (Viettel, VNPT, MobiFone…) each have their own API;
 * an adapter for one implements this. `send` throws when the message was not accepted.
 */
export interface SmsProvider {
  send(message: SmsMessage): Promise<void>;
}

/** Writes each message to the log: nothing is sent. */
export class ConsoleSmsProvider implements SmsProvider {
  private readonly logger = new Logger('Sms');

  async send(message: SmsMessage): Promise<void> {
    this.logger.log(`SMS to ${message.to}${message.dossierId ? ` (dossier ${message.dossierId})` : ''}: ${message.body}`);
  }
}

/** Appends each message as one JSON line (UTF-8) to a file that a gateway relay picks up. */
export class FileSmsProvider implements SmsProvider {
  constructor(
    private readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: SmsMessage): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify({ at: this.now().toISOString(), ...message })}\n`, 'utf8');
  }
}
