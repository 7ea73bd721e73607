import { Global, Module } from '@nestjs/common';

/**
 * The platform's notion of "now", shared by the workflow engine (timers), deadlines and records.
 * It follows the system clock; tests shift it to a chosen moment and move it forward instead of
 * waiting for working days to pass.
 */
export class PlatformClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on, time flows on from `moment`. */
  set(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const CLOCK = Symbol('CLOCK');

@Global()
@Module({ providers: [{ provide: CLOCK, useFactory: () => new PlatformClock() }], exports: [CLOCK] })
export class ClockModule {}
