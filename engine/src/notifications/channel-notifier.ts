import type { Notification, Notifier } from './notifier.port.js';
import type { SmsProvider } from './sms-provider.js';

/** The NOTIFIER the platform uses: e-mails go to the e-mail provider, SMS to the SMS provider. */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly email: Notifier,
    private readonly sms: SmsProvider,
  ) {}

  send(notification: Notification): Promise<void> {
    if (notification.channel === 'sms') {
      return this.sms.send({ to: notification.to, body: notification.body, dossierId: notification.dossierId ?? null });
    }
    return this.email.send(notification);
  }

  close(): void {
    (this.email as Notifier & { close?: () => void }).close?.();
  }
}
