import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type ProcessInstance, type ProcessInstanceFilter, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { CreateProcessInstanceDto, MigrateProcessInstanceDto, OperationReferenceDto } from './dto/process-instances.dto.js';
import { instancesInHierarchy } from './hierarchy.js';
import {
  createdInstanceResult,
  processInstanceResult,
  REST_V2_DIALECT,
  searchResponse,
  type ApiDialect,
  type ProcessInstanceResult,
} from './representations.js';
import { CamundaRestV2, problem } from './rest-v2-access.js';
import { CreateProcessInstanceResultDto, ProcessInstanceResultDto, ProcessInstanceSearchResultDto } from './dto/results.dto.js';
import { equalTo, search, type FieldReader } from './search.js';
import { rejectUnsupported as unsupported } from './unsupported.js';

const FIELDS: Record<string, FieldReader<ProcessInstanceResult>> = {
  processInstanceKey: 'processInstanceKey',
  processDefinitionId: 'processDefinitionId',
  processDefinitionKey: 'processDefinitionKey',
  processDefinitionName: 'processDefinitionName',
  processDefinitionVersion: 'processDefinitionVersion',
  parentProcessInstanceKey: 'parentProcessInstanceKey',
  rootProcessInstanceKey: 'rootProcessInstanceKey',
  state: 'state',
  startDate: 'startDate',
  endDate: 'endDate',
  hasIncident: 'hasIncident',
  tenantId: 'tenantId',
};

@CamundaRestV2()
@Controller('v2/process-instances')
export class ProcessInstancesController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: CreateProcessInstanceResultDto })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  async create(@Body() body: CreateProcessInstanceDto): Promise<CreateProcessInstanceResultDto> {
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
    return createdInstanceResult(created, this.dialect);
  }

  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: ProcessInstanceSearchResultDto })
  async search(@Body() query: SearchQueryDto): Promise<ProcessInstanceSearchResultDto> {
    const { variables, ...filter } = query.filter ?? {};
    const instances = await this.engine.searchProcessInstances({ ...prefilter(filter), ...variableFilter(variables) });
    return searchResponse(search(await this.results(instances), { ...query, filter }, FIELDS), this.dialect);
  }

  @Get(':processInstanceKey')
  @ApiOkResponse({ type: ProcessInstanceResultDto })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  async get(@Param('processInstanceKey') key: string): Promise<ProcessInstanceResultDto | undefined> {
    const [result] = await this.results([await this.engine.getProcessInstance(key)]);
    return result;
  }

  @Post(':processInstanceKey/cancellation')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async cancel(@Param('processInstanceKey') key: string, @Body() _body: OperationReferenceDto) {
    await this.engine.cancelProcessInstance(key);
  }

  @Post(':processInstanceKey/migration')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Migrated' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async migrate(@Param('processInstanceKey') key: string, @Body() body: MigrateProcessInstanceDto) {
    await this.engine.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: body.targetProcessDefinitionKey,
      mappingInstructions: body.mappingInstructions.map(({ sourceElementId, targetElementId }) => ({ sourceElementId, targetElementId })),
    });
  }

  /** Called instances name the root of their call hierarchy: read their ancestors. */
  private async results(instances: ProcessInstance[]): Promise<ProcessInstanceResult[]> {
    const hierarchy = instances.some((i) => i.parentProcessInstanceKey)
      ? await instancesInHierarchy(this.engine, instances.map((i) => i.processInstanceKey))
      : undefined;
    return instances.map((i) =>
      processInstanceResult(i, hierarchy?.get(i.processInstanceKey)?.rootProcessInstanceKey ?? i.processInstanceKey, this.dialect),
    );
  }
}

/**
 * `filter.variables`: instances holding each named variable with this value, given as its JSON
 * text, a plain string or `{ "$eq": … }` (the API's VariableValueFilterProperty: `name`, and `value`
 * as a string or an AdvancedStringFilter; docs.camunda.io, "Search process instances").
 */
function variableFilter(variables: unknown): Pick<ProcessInstanceFilter, 'variables'> {
  if (variables === undefined || variables === null) return {};
  if (!Array.isArray(variables)) throw new BadRequestException('filter.variables must be an array of { name, value }');
  return {
    variables: variables.map((entry: unknown) => {
      const { name, value } = (entry ?? {}) as { name?: unknown; value?: unknown };
      const text = typeof value === 'object' && value !== null && Object.keys(value).length === 1 && '$eq' in value ? (value as { $eq: unknown }).$eq : value;
      if (typeof name !== 'string' || typeof text !== 'string') {
        throw new BadRequestException("Each filter.variables entry needs a 'name' and a 'value' (the variable's JSON text, or { \"$eq\": text }); other operators are not supported by this server");
      }
      return { name, value: parseJsonText(text) };
    }),
  };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestException(`filter.variables value ${JSON.stringify(text.slice(0, 100))} is not JSON text`);
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
