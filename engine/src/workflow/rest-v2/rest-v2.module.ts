import { Module, type DynamicModule } from '@nestjs/common';
import { DecisionDefinitionsController } from './decision-definitions.controller.js';
import { DeploymentsController } from './deployments.controller.js';
import { ElementInstancesController } from './element-instances.controller.js';
import { IncidentsController } from './incidents.controller.js';
import { JobActivationService } from './job-activation.service.js';
import { JobsController } from './jobs.controller.js';
import { MessagesController } from './messages.controller.js';
import { ProcessInstancesController } from './process-instances.controller.js';
import { ApiDialect, DEFAULT_DIALECT, REST_V2_DIALECT, type RestApiVersion } from './representations.js';
import { TopologyController } from './topology.controller.js';
import { UserTasksController } from './user-tasks.controller.js';
import { VariablesController } from './variables.controller.js';

/**
 * The subset of the Camunda 8 REST API v2 that the official SDK clients need, served over the
 * workflow port, so that tools written for a Camunda cluster run against the embedded engine.
 * docs/zeebe-compatibility.md lists what is not served. Imported as is, it answers in Camunda
 * 8.8's shapes; `forApi('8.9')` answers in 8.9's (see ApiDialect).
 */
@Module({
  controllers: [
    TopologyController,
    DeploymentsController,
    DecisionDefinitionsController,
    ProcessInstancesController,
    JobsController,
    UserTasksController,
    MessagesController,
    IncidentsController,
    ElementInstancesController,
    VariablesController,
  ],
  providers: [JobActivationService, { provide: REST_V2_DIALECT, useValue: DEFAULT_DIALECT }],
})
export class CamundaRestV2Module {
  static forApi(version: RestApiVersion): DynamicModule {
    return {
      module: CamundaRestV2Module,
      providers: [{ provide: REST_V2_DIALECT, useValue: new ApiDialect(version) }],
    };
  }
}
