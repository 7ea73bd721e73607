import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One message to the applicant (or an officer), on one channel. */
export interface Notification {
  channel: 'email' | 'sms';
  /** E-mail address or phone number. */
  to: string;
  /** E-mail subject; SMS providers ignore it. */
  subject: string;
  body: string;
  dossierId?: string | null;
}

/** What sends notifications. Providers (SMTP, SMS gateway…) implement it; `send` throws when the message was not accepted. */
export interface Notifier {
  send(notification: Notification): Promise<void>;
}

export const NOTIFIER = Symbol('NOTIFIER');

/**
 * The default provider: appends each message as one JSON line to a file (DATA_DIR/outbox.jsonl),
 * which a relay or an operator can read. Nothing leaves the machine.
 */
export class OutboxFileNotifier implements Notifier {
  constructor(
    private readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(notification: Notification): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify({ at: this.now().toISOString(), ...notification })}\n`, 'utf8');
  }
}
