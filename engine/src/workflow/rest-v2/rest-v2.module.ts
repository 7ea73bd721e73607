import { Module } from '@nestjs/common';
import { DeploymentsController } from './deployments.controller.js';
import { ElementInstancesController } from './element-instances.controller.js';
import { IncidentsController } from './incidents.controller.js';
import { JobActivationService } from './job-activation.service.js';
import { JobsController } from './jobs.controller.js';
import { MessagesController } from './messages.controller.js';
import { ProcessInstancesController } from './process-instances.controller.js';
import { TopologyController } from './topology.controller.js';
import { UserTasksController } from './user-tasks.controller.js';
import { VariablesController } from './variables.controller.js';

/**
 * The subset of the Camunda 8 REST API v2 that the official SDK clients need, served over the
 * workflow port, so that tools written for a Camunda cluster run against the embedded engine.
 * docs/zeebe-compatibility.md lists what is not served.
 */
@Module({
  controllers: [
    TopologyController,
    DeploymentsController,
    ProcessInstancesController,
    JobsController,
    UserTasksController,
    MessagesController,
    IncidentsController,
    ElementInstancesController,
    VariablesController,
  ],
  providers: [JobActivationService],
})
export class CamundaRestV2Module {}
