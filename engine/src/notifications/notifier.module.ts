import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { ChannelNotifier } from './channel-notifier.js';
import { NOTIFIER, OutboxFileNotifier, type Notifier } from './notifier.port.js';
import { ConsoleSmsProvider, FileSmsProvider, type SmsProvider } from './sms-provider.js';
import { SmtpEmailNotifier } from './smtp-email.provider.js';

/**
 * The NOTIFIER from configuration: e-mail over SMTP when SMTP_URL is set, otherwise appended to
 * DATA_DIR/outbox.jsonl; SMS logged (`console`) or appended to DATA_DIR/sms-outbox.jsonl (`file`).
 */
export function createNotifier(config: AppConfig, now: () => Date): Notifier {
  const email: Notifier = config.SMTP_URL
    ? new SmtpEmailNotifier(config.SMTP_URL, config.MAIL_FROM)
    : new OutboxFileNotifier(join(config.DATA_DIR, 'outbox.jsonl'), now);
  const sms: SmsProvider = config.SMS_PROVIDER === 'file' ? new FileSmsProvider(join(config.DATA_DIR, 'sms-outbox.jsonl'), now) : new ConsoleSmsProvider();
  return new ChannelNotifier(email, sms);
}

@Global()
@Module({
  providers: [
    {
      provide: NOTIFIER,
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: AppConfig, clock: PlatformClock) => createNotifier(config, () => clock.now()),
    },
  ],
  exports: [NOTIFIER],
})
export class NotifierModule implements OnApplicationShutdown {
  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  /** Closes pooled SMTP connections so that the process can exit. */
  onApplicationShutdown(): void {
    if (this.notifier instanceof ChannelNotifier) this.notifier.close();
  }
}
