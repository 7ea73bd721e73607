import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { EmbeddedWorkflowEngine } from './embedded/embedded-workflow-engine.js';
import { CamundaRestV2Module } from './rest-v2/rest-v2.module.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from './workflow-engine.port.js';
import { zeebeSettingsFrom } from './zeebe/zeebe-settings.js';

/** Adapters may need to start background work (timers, connection checks) once the app is wired. */
type StartableEngine = WorkflowEngine & { start?(): void | Promise<void> };

/**
 * The adapter WORKFLOW_ENGINE selects. The embedded engine reads the platform clock, so its timers
 * and task dates agree with the deadlines computed by the rest of the platform. The Zeebe client
 * (with gRPC and its schemas) is loaded only when selected: it is a large share of start-up time.
 */
export async function createWorkflowEngine(config: AppConfig, db: Database, clock?: PlatformClock): Promise<StartableEngine> {
  if (config.WORKFLOW_ENGINE === 'zeebe') {
    const { ZeebeWorkflowEngine } = await import('./zeebe/zeebe-workflow-engine.js');
    return new ZeebeWorkflowEngine(zeebeSettingsFrom(config));
  }
  const logger = new Logger('WorkflowEngine');
  return new EmbeddedWorkflowEngine({ db, ...(clock ? { clock } : {}), log: (message) => logger.warn(message) });
}

/**
 * Provides the workflow port to the whole platform (WORKFLOW_ENGINE=embedded|zeebe), starts it
 * once every module is wired and closes it before the database closes. With the embedded engine
 * it also serves the Camunda 8 REST API v2 subset, so Camunda tooling can drive it.
 */
@Global()
@Module({})
export class WorkflowModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WorkflowEngine');

  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: StartableEngine) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkflowModule,
      imports: config.WORKFLOW_ENGINE === 'embedded' ? [CamundaRestV2Module.forApi(config.REST_V2_API_VERSION)] : [],
      providers: [
        {
          provide: WORKFLOW_ENGINE,
          inject: [APP_CONFIG, DATABASE, { token: CLOCK, optional: true }],
          useFactory: createWorkflowEngine,
        },
      ],
      exports: [WORKFLOW_ENGINE],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start?.();
    this.logger.log(`Workflow engine: ${this.engine.kind}`);
  }

  /** Module destruction runs before the database module's shutdown hook closes the connection. */
  async onModuleDestroy(): Promise<void> {
    await this.engine.close();
  }
}
