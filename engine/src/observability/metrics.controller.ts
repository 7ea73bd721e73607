import { Controller, Get, Header, Headers, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import { HttpMetrics } from './http-metrics.js';

/**
 * Prometheus scrape endpoint, without a token. Prometheus scrapes each replica directly; a request
 * that passed through a proxy (it carries X-Forwarded-For or Forwarded) came from the public
 * address, whatever spelling of the path got it past the proxy's rule (`/metrics/`, `/Metrics`),
 * and gets the same 404 as an unknown path.
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Headers('x-forwarded-for') forwardedFor: string | undefined, @Headers('forwarded') forwarded: string | undefined, @Res() response: Response): Promise<void> {
    if (forwardedFor !== undefined || forwarded !== undefined) throw new NotFoundException();
    const body = await this.metrics.render();
    response.type(this.metrics.contentType).send(body);
  }
}
