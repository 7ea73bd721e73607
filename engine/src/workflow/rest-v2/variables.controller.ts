import { BadRequestException, Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { rootOf } from './hierarchy.js';
import { REST_V2_DIALECT, searchResponse, variableResult, type ApiDialect, type VariableResult } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { VariableSearchResultDto } from './dto/results.dto.js';
import { equalTo, search, type FieldReader } from './search.js';

const FIELDS: Record<string, FieldReader<VariableResult>> = {
  name: 'name',
  value: 'value',
  variableKey: 'variableKey',
  scopeKey: 'scopeKey',
  processInstanceKey: 'processInstanceKey',
  rootProcessInstanceKey: 'rootProcessInstanceKey',
  isTruncated: 'isTruncated',
  tenantId: 'tenantId',
};

/** Process-level variables of one process instance; values are JSON text, never truncated. */
@CamundaRestV2()
@Controller('v2/variables')
export class VariablesController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: VariableSearchResultDto })
  async search(@Body() query: SearchQueryDto, @Query('truncateValues') _truncateValues?: string): Promise<VariableSearchResultDto> {
    const processInstanceKey = equalTo(query.filter?.processInstanceKey);
    if (!processInstanceKey) {
      throw new BadRequestException('This server searches the variables of one process instance: filter.processInstanceKey is required');
    }
    const variables = await this.engine.getVariables(processInstanceKey);
    const root = await rootOf(this.engine, await this.engine.getProcessInstance(processInstanceKey));
    return searchResponse(
      search(
        Object.entries(variables).map(([name, value]) => variableResult(processInstanceKey, name, value, root, this.dialect)),
        query,
        FIELDS,
      ),
      this.dialect,
    );
  }
}
