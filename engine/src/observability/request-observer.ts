import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { HttpMetrics } from './http-metrics.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept only if it is short and plain, so it can go into logs as it is. */
const acceptableRequestId = /^[\w.:-]{1,128}$/;

/** Requests of probes and scrapers, logged at debug level so they do not drown the journal. */
const operationalRoutes = new Set(['/health/live', '/health/ready', '/metrics']);

declare module 'express-serve-static-core' {
  interface Request {
    /** Correlates this request's log lines, its response and the calls it makes to other services. */
    requestId?: string;
  }
}

/**
 * Express middleware that gives each request an id (the caller's `x-request-id`, or a new one,
 * echoed in the response), and on completion writes one structured log line and the metrics.
 */
export function requestObserver(metrics: HttpMetrics) {
  const logger = new Logger('HTTP');
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const offered = request.get(REQUEST_ID_HEADER);
    const requestId = offered && acceptableRequestId.test(offered) ? offered : randomUUID();
    request.requestId = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);

    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(request);
      // A client that hangs up before the answer is recorded as such, not as the status it would have had.
      const status = response.writableFinished ? response.statusCode : 499;
      metrics.observe(request.method, route, status, seconds);
      const entry = {
        event: 'http_request',
        method: request.method,
        route,
        path: request.originalUrl.split('?')[0],
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        requestId,
      };
      if (status >= 500) logger.error(entry);
      else if (operationalRoutes.has(route)) logger.debug(entry);
      else logger.log(entry);
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  };
}

/** The matched route's pattern (`/dossiers/:id`), or one label for everything that matched none. */
function routeTemplate(request: Request): string {
  const route: unknown = request.route;
  const path = route && typeof route === 'object' && 'path' in route ? route.path : undefined;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
