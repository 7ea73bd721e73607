import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/environment.js';
import { openDatabase } from './database/database.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { HttpMetrics } from './observability/http-metrics.js';
import { requestObserver } from './observability/request-observer.js';
import { MAX_ZIP_BYTES } from './procedures/procedures.controller.js';
import { DatabaseInputErrorFilter } from './web/database-input-error.filter.js';
import { InputSafetyPipe } from './web/input-safety.pipe.js';
import { PlatformLogger } from './web/platform-logger.js';
import { securityHeaders } from './web/security-headers.js';

/** Builds the whole platform for one configuration; main.ts and the end-to-end tests both use it. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const development = config.NODE_ENV === 'development';
  const logger = new PlatformLogger({ json: !development || !process.stdout.isTTY, logLevels: levelsFrom(config.LOG_LEVEL) }, development);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  // On SIGTERM/SIGINT new requests get 503 (the proxy retries them on another replica), requests in
  // flight finish, then workers and the database close and the process exits 0.
  const app = await NestFactory.create(AppModule.forRoot(config, database), {
    logger,
    bufferLogs: false,
    return503OnClosing: true,
  });
  // request.ip comes from X-Forwarded-For only when the request comes from a configured proxy;
  // the public lookup limits by it, so trusting any other peer would let a caller pick its address.
  const trustedProxies = config.TRUSTED_PROXIES.split(',').map((entry) => entry.trim()).filter(Boolean);
  (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', trustedProxies.length > 0 ? trustedProxies : false);
  // An idle keep-alive connection is closed by the client or the proxy first (nginx keeps upstream
  // connections 60 s, Node's fetch 4 s): with Node's 5 s default a request sent on a connection the
  // server is closing at that moment fails with "other side closed", most often under load.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  app.use(securityHeaders(config));
  app.use(requestObserver(app.get(HttpMetrics)));
  // A draft is saved as the whole bundle in one JSON body, larger than the default 100 kB as soon as
  // a procedure has a few forms and decision tables; the same bound as an imported zip applies.
  // Wrapped: Nest skips its own JSON parser for every route when it finds one named jsonParser.
  const draftJson = json({ limit: MAX_ZIP_BYTES });
  // A template sent for preview is one file of such a draft: the same bound.
  for (const path of ['/api/procedures/:slug/draft', '/api/procedures/:slug/template-preview']) {
    app.use(path, (request: Request, response: Response, next: NextFunction) => draftJson(request, response, next));
  }
  app.useGlobalPipes(new InputSafetyPipe(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new DatabaseInputErrorFilter(app.getHttpAdapter()));
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app));
  return app;
}

const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
function levelsFrom(level: AppConfig['LOG_LEVEL']) {
  return order.slice(0, order.indexOf(level) + 1);
}
