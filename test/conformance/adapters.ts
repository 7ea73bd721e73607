import { EmbeddedWorkflowEngine } from '@mot-cua/engine/workflow/embedded/embedded-workflow-engine.js';
import type { WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { openTestDatabase } from '@mot-cua/engine/test-support/database.js';
import { loadConfig } from '@mot-cua/engine/config/environment.js';
import { ZeebeWorkflowEngine } from '@mot-cua/engine/workflow/zeebe/zeebe-workflow-engine.js';
import { zeebeSettingsFrom } from '@mot-cua/engine/workflow/zeebe/zeebe-settings.js';
import { serveRestV2 } from './rest-v2-server.js';

/** One adapter of the workflow port under test, freshly created per test. */
export interface AdapterUnderTest {
  engine: WorkflowEngine;
  /** Moves the engine's clock forward and runs what fell due; absent when time cannot be controlled. */
  advanceTime?(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface AdapterFactory {
  name: string;
  create(): Promise<AdapterUnderTest>;
}

/** The embedded engine on a fresh database, with a clock the test moves. */
export async function embeddedEngine() {
  const database = await openTestDatabase();
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };
  const engine = new EmbeddedWorkflowEngine({ db: database.db, clock });
  return {
    engine,
    async advanceTime(ms: number) {
      offset += ms;
      await engine.runDueWork();
    },
    async close() {
      await engine.close();
      await database.close();
    },
  };
}

export const adapters: AdapterFactory[] = [
  { name: 'embedded', create: embeddedEngine },
  {
    // The Zeebe adapter exactly as production runs it (official SDK, REST API v2), over real HTTP,
    // with the platform's own /v2 endpoints on an embedded engine standing in for the cluster,
    // which cannot run here. Every request and response is validated against the API's schemas.
    name: 'zeebe adapter over REST v2',
    async create() {
      process.env.CAMUNDA_SDK_VALIDATION = 'req:strict,res:strict';
      const embedded = await embeddedEngine();
      // The SDK's client is @camunda8/orchestration-cluster-api 8.8: it validates Camunda 8.8's shapes.
      const server = await serveRestV2(embedded.engine, '8.8');
      const engine = new ZeebeWorkflowEngine({ ZEEBE_REST_ADDRESS: server.url, CAMUNDA_AUTH_STRATEGY: 'NONE' }, { readWaitMs: 2_000 });
      await engine.start();
      return {
        engine,
        advanceTime: (milliseconds: number) => embedded.advanceTime(milliseconds),
        async close() {
          await engine.close();
          await server.close();
          await embedded.close();
        },
      };
    },
  },
];

/**
 * A real Camunda 8 cluster, when one is configured (ZEEBE_REST_ADDRESS and the CAMUNDA_* / ZEEBE_*
 * credentials the platform reads): the same suite then runs through the Zeebe adapter. The
 * cluster's clock cannot be moved from here, so timer scenarios stop where time would have to pass.
 */
if (process.env.ZEEBE_REST_ADDRESS) {
  const settings = zeebeSettingsFrom(loadConfig({ ...process.env, WORKFLOW_ENGINE: 'zeebe' }));
  adapters.push({
    name: 'zeebe',
    async create() {
      const engine = new ZeebeWorkflowEngine(settings);
      await engine.start();
      return { engine, close: () => engine.close() };
    },
  });
}
