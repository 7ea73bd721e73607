import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Global, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CamundaRestV2Module } from '@mot-cua/engine/workflow/rest-v2/rest-v2.module.js';
import type { RestApiVersion } from '@mot-cua/engine/workflow/rest-v2/representations.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';

/**
 * The platform's Camunda 8 REST API v2 (`/v2`) over real HTTP on loopback, for an engine under
 * test, answering in the shapes of Camunda `version`'s REST API: it stands in for a Camunda 8 cluster,
 * which cannot run here.
 */
export async function serveRestV2(engine: WorkflowEngine, version: RestApiVersion = '8.8'): Promise<{ url: string; close(): Promise<void> }> {
  @Global()
  @Module({ providers: [{ provide: WORKFLOW_ENGINE, useValue: engine }], exports: [WORKFLOW_ENGINE] })
  class EngineModule {}
  @Module({ imports: [EngineModule, CamundaRestV2Module.forApi(version)] })
  class ClusterStandIn {}
  const app = await NestFactory.create(ClusterStandIn, { logger: ['error'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** JSON calls and BPMN deployments against a served `/v2`, failing the test on an unexpected answer. */
export function restV2Client(server: { url: string }) {
  return {
    async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${server.url}/v2${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : {}) as T;
    },
    async deploy(name: string, xml: string): Promise<void> {
      const form = new FormData();
      form.append('resources', new Blob([xml], { type: 'application/xml' }), `${name}.bpmn`);
      const response = await fetch(`${server.url}/v2/deployments`, { method: 'POST', body: form });
      assert.equal(response.status, 200, await response.text());
    },
  };
}
