import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CLOCK, type PlatformClock } from '../dossiers/clock.js';
import { NOTIFIER, OutboxFileNotifier } from './notifier.port.js';

/** Provides the NOTIFIER port; the default writes to DATA_DIR/outbox.jsonl. */
@Global()
@Module({
  providers: [
    {
      provide: NOTIFIER,
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: AppConfig, clock: PlatformClock) => new OutboxFileNotifier(join(config.DATA_DIR, 'outbox.jsonl'), () => clock.now()),
    },
  ],
  exports: [NOTIFIER],
})
export class NotifierModule {}
