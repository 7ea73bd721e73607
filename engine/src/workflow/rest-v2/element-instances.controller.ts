import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { rootOf } from './hierarchy.js';
import { elementInstanceResult, REST_V2_DIALECT, searchResponse, type ApiDialect, type ElementInstanceResult } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { ElementInstanceSearchResultDto } from './dto/results.dto.js';
import { equalTo, search, type FieldReader } from './search.js';

const FIELDS: Record<string, FieldReader<ElementInstanceResult>> = {
  elementInstanceKey: 'elementInstanceKey',
  processInstanceKey: 'processInstanceKey',
  rootProcessInstanceKey: 'rootProcessInstanceKey',
  processDefinitionKey: 'processDefinitionKey',
  processDefinitionId: 'processDefinitionId',
  elementId: 'elementId',
  elementName: 'elementName',
  type: 'type',
  state: 'state',
  hasIncident: 'hasIncident',
  incidentKey: 'incidentKey',
  startDate: 'startDate',
  endDate: 'endDate',
  tenantId: 'tenantId',
};

/** Element ("flow node") instances of one process instance: the engine keeps them per instance. */
@CamundaRestV2()
@Controller('v2/element-instances')
export class ElementInstancesController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: ElementInstanceSearchResultDto })
  async search(@Body() query: SearchQueryDto): Promise<ElementInstanceSearchResultDto> {
    const processInstanceKey = equalTo(query.filter?.processInstanceKey);
    if (!processInstanceKey) {
      throw new BadRequestException('This server searches element instances of one process instance: filter.processInstanceKey is required');
    }
    const instance = await this.engine.getProcessInstance(processInstanceKey);
    const elements = await this.engine.getElementInstances(processInstanceKey);
    const root = await rootOf(this.engine, instance);
    return searchResponse(
      search(
        elements.map((e) => elementInstanceResult(e, instance, root, this.dialect)),
        query,
        FIELDS,
      ),
      this.dialect,
    );
  }
}
