import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { WORKFLOW_ENGINE, type ProcessInstanceFilter, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { CreateProcessInstanceDto, MigrateProcessInstanceDto, OperationReferenceDto } from './dto/process-instances.dto.js';
import { processInstanceResult, type ProcessInstanceResult } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { equalTo, search, type FieldReader } from './search.js';
import { rejectUnsupported as unsupported } from './unsupported.js';

const FIELDS: Record<string, FieldReader<ProcessInstanceResult>> = {
  processInstanceKey: 'processInstanceKey',
  processDefinitionId: 'processDefinitionId',
  processDefinitionKey: 'processDefinitionKey',
  processDefinitionName: 'processDefinitionName',
  processDefinitionVersion: 'processDefinitionVersion',
  parentProcessInstanceKey: 'parentProcessInstanceKey',
  state: 'state',
  startDate: 'startDate',
  endDate: 'endDate',
  hasIncident: 'hasIncident',
  tenantId: 'tenantId',
};

@CamundaRestV2()
@Controller('v2/process-instances')
export class ProcessInstancesController {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  @Post()
  @HttpCode(200)
  async create(@Body() body: CreateProcessInstanceDto) {
    if (!body.processDefinitionId) {
      throw new BadRequestException(
        body.processDefinitionKey
          ? 'Starting by processDefinitionKey is not supported by this server; send processDefinitionId (and processDefinitionVersion)'
          : 'processDefinitionId is required',
      );
    }
    unsupported(body.startInstructions?.length, 'startInstructions');
    unsupported(body.runtimeInstructions?.length, 'runtimeInstructions');
    unsupported(body.awaitCompletion, 'awaitCompletion');
    unsupported(body.tags?.length, 'tags');
    const version = body.processDefinitionVersion;
    const created = await this.engine.createProcessInstance({
      processDefinitionId: body.processDefinitionId,
      ...(version !== undefined && version !== -1 ? { processDefinitionVersion: version } : {}),
      variables: body.variables ?? {},
    });
    return { ...created, tenantId: '<default>', variables: {} };
  }

  @Post('search')
  @HttpCode(200)
  async search(@Body() query: SearchQueryDto) {
    const instances = await this.engine.searchProcessInstances(prefilter(query.filter ?? {}));
    return search(instances.map(processInstanceResult), query, FIELDS);
  }

  @Get(':processInstanceKey')
  async get(@Param('processInstanceKey') key: string) {
    return processInstanceResult(await this.engine.getProcessInstance(key));
  }

  @Post(':processInstanceKey/cancellation')
  @HttpCode(204)
  async cancel(@Param('processInstanceKey') key: string, @Body() _body: OperationReferenceDto) {
    await this.engine.cancelProcessInstance(key);
  }

  @Post(':processInstanceKey/migration')
  @HttpCode(204)
  async migrate(@Param('processInstanceKey') key: string, @Body() body: MigrateProcessInstanceDto) {
    await this.engine.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: body.targetProcessDefinitionKey,
      mappingInstructions: body.mappingInstructions.map(({ sourceElementId, targetElementId }) => ({ sourceElementId, targetElementId })),
    });
  }
}

/** Narrows the engine query with the filter fields it indexes; the search then applies them all. */
function prefilter(filter: Record<string, unknown>): ProcessInstanceFilter {
  const id = equalTo(filter.processDefinitionId);
  const state = equalTo(filter.state);
  const key = filter.processInstanceKey;
  const keys =
    typeof key === 'string'
      ? [key]
      : typeof key === 'object' && key !== null && Array.isArray((key as { $in?: unknown }).$in)
        ? ((key as { $in: unknown[] }).$in.map(String))
        : undefined;
  return {
    ...(id ? { processDefinitionId: id } : {}),
    ...(state === 'ACTIVE' || state === 'COMPLETED' || state === 'TERMINATED' ? { state } : {}),
    ...(keys ? { processInstanceKeys: keys } : {}),
  };
}
