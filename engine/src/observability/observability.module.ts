import { Logger, Module, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { HttpMetrics } from './http-metrics.js';
import { MetricsController } from './metrics.controller.js';

/** Metrics, request logging (wired in bootstrap.ts, before routing) and shutdown notices. */
@Module({ controllers: [MetricsController], providers: [HttpMetrics], exports: [HttpMetrics] })
export class ObservabilityModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  beforeApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log(`${signal} received: refusing new requests, finishing those in flight`);
  }

  onApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log('HTTP server closed; releasing the database and workers');
  }
}
