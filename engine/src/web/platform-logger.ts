import { ConsoleLogger, type ConsoleLoggerOptions } from '@nestjs/common';

/** Nest's start-up chatter: one line per module, controller and route (pages of them). */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The platform's logger. In development it leaves out Nest's start-up lines, so that the banner
 * (address, sign-ins, data folder) is what a newcomer sees; production keeps every line, as JSON.
 */
export class PlatformLogger extends ConsoleLogger {
  constructor(
    options: ConsoleLoggerOptions,
    private readonly quietStart: boolean,
  ) {
    super(options);
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (this.quietStart && typeof context === 'string' && START_UP_CONTEXTS.has(context)) return;
    super.log(message, ...rest);
  }
}
