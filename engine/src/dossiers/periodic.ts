import { Logger } from '@nestjs/common';

/** Runs `work` every `intervalMs`, never two runs at once; `stop()` waits for a run in progress. */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger = new Logger(name),
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.work()
        .then(() => undefined)
        .catch((error: Error) => this.logger.error(`${this.name}: ${error.message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
