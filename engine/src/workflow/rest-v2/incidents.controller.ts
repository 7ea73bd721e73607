import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { WORKFLOW_ENGINE, type ProcessInstance, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { OperationReferenceDto } from './dto/process-instances.dto.js';
import { incidentResult, type IncidentResult } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { equalTo, search, type FieldReader } from './search.js';

const FIELDS: Record<string, FieldReader<IncidentResult>> = {
  incidentKey: 'incidentKey',
  processInstanceKey: 'processInstanceKey',
  processDefinitionKey: 'processDefinitionKey',
  processDefinitionId: 'processDefinitionId',
  elementId: 'elementId',
  elementInstanceKey: 'elementInstanceKey',
  jobKey: 'jobKey',
  errorType: 'errorType',
  errorMessage: 'errorMessage',
  state: 'state',
  creationTime: 'creationTime',
  tenantId: 'tenantId',
};

@CamundaRestV2()
@Controller('v2/incidents')
export class IncidentsController {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  @Post('search')
  @HttpCode(200)
  async search(@Body() query: SearchQueryDto) {
    const filter = query.filter ?? {};
    const processInstanceKey = equalTo(filter.processInstanceKey);
    const state = equalTo(filter.state);
    const incidents = await this.engine.searchIncidents({
      ...(processInstanceKey ? { processInstanceKey } : {}),
      ...(state === 'ACTIVE' || state === 'RESOLVED' ? { state } : {}),
    });
    const instances = await this.instancesOf(incidents.map((i) => i.processInstanceKey));
    return search(
      incidents.map((i) => incidentResult(i, instances.get(i.processInstanceKey))),
      query,
      FIELDS,
    );
  }

  @Post(':incidentKey/resolution')
  @HttpCode(204)
  async resolve(@Param('incidentKey') key: string, @Body() _body: OperationReferenceDto) {
    await this.engine.resolveIncident(key);
  }

  /** Incidents name their process definition through their instance. */
  private async instancesOf(keys: string[]): Promise<Map<string, ProcessInstance>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new Map();
    const instances = await this.engine.searchProcessInstances({ processInstanceKeys: unique });
    return new Map(instances.map((p) => [p.processInstanceKey, p]));
  }
}
