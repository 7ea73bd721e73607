import type { Transporter } from 'nodemailer';
import type { Notification, Notifier } from './notifier.port.js';

/**
 * E-mail through an SMTP server (smtp:// or smtps:// URL with credentials). Subject and body are
 * sent as UTF-8; nodemailer encodes the Vietnamese text for transport (RFC 2047 words in the
 * subject, quoted-printable or base64 in the body).
 */
export class SmtpEmailNotifier implements Notifier {
  /** nodemailer is loaded with the first message, not at start. */
  private transport?: Promise<Transporter>;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  private connection(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ createTransport }) => createTransport(this.smtpUrl));
    return this.transport;
  }

  async send(notification: Notification): Promise<void> {
    if (notification.channel !== 'email') throw new Error(`The SMTP provider sends e-mail, not ${notification.channel}`);
    await (await this.connection()).sendMail({
      from: this.from,
      to: notification.to,
      subject: notification.subject,
      text: notification.body,
      ...(notification.dossierId ? { headers: { 'X-Dossier-Id': notification.dossierId } } : {}),
    });
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
  }
}
