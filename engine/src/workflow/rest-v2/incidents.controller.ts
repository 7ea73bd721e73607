import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { OperationReferenceDto } from './dto/process-instances.dto.js';
import { instancesInHierarchy } from './hierarchy.js';
import { incidentResult, REST_V2_DIALECT, searchResponse, type ApiDialect, type IncidentResult } from './representations.js';
import { CamundaRestV2, problem } from './rest-v2-access.js';
import { IncidentSearchResultDto } from './dto/results.dto.js';
import { equalTo, search, type FieldReader } from './search.js';

const FIELDS: Record<string, FieldReader<IncidentResult>> = {
  incidentKey: 'incidentKey',
  processInstanceKey: 'processInstanceKey',
  rootProcessInstanceKey: 'rootProcessInstanceKey',
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
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentSearchResultDto })
  async search(@Body() query: SearchQueryDto): Promise<IncidentSearchResultDto> {
    const filter = query.filter ?? {};
    const processInstanceKey = equalTo(filter.processInstanceKey);
    const state = equalTo(filter.state);
    const incidents = await this.engine.searchIncidents({
      ...(processInstanceKey ? { processInstanceKey } : {}),
      ...(state === 'ACTIVE' || state === 'RESOLVED' ? { state } : {}),
    });
    // Incidents name their process definition and hierarchy through their instance.
    const instances = await instancesInHierarchy(this.engine, incidents.map((i) => i.processInstanceKey));
    return searchResponse(
      search(
        incidents.map((i) => {
          const owner = instances.get(i.processInstanceKey);
          return incidentResult(i, owner?.instance, owner?.rootProcessInstanceKey, this.dialect);
        }),
        query,
        FIELDS,
      ),
      this.dialect,
    );
  }

  @Post(':incidentKey/resolution')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Resolved' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async resolve(@Param('incidentKey') key: string, @Body() _body: OperationReferenceDto) {
    await this.engine.resolveIncident(key);
  }
}
