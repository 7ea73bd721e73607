import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type UserTask, type UserTaskFilter, type WorkflowEngine } from '../workflow-engine.port.js';
import { SearchQueryDto } from './dto/common.js';
import { AssignUserTaskDto, CompleteUserTaskDto } from './dto/user-tasks.dto.js';
import { instancesInHierarchy, type InstanceInHierarchy } from './hierarchy.js';
import { REST_V2_DIALECT, searchResponse, userTaskResult, type ApiDialect, type UserTaskResult } from './representations.js';
import { CamundaRestV2, problem } from './rest-v2-access.js';
import { UserTaskResultDto, UserTaskSearchResultDto } from './dto/results.dto.js';
import { equalTo, search, type FieldReader } from './search.js';
import { rejectUnsupported } from './unsupported.js';

const FIELDS: Record<string, FieldReader<UserTaskResult>> = {
  userTaskKey: 'userTaskKey',
  state: 'state',
  assignee: 'assignee',
  elementId: 'elementId',
  name: 'name',
  candidateGroup: 'candidateGroups',
  candidateUser: 'candidateUsers',
  processDefinitionId: 'processDefinitionId',
  processDefinitionKey: 'processDefinitionKey',
  processInstanceKey: 'processInstanceKey',
  rootProcessInstanceKey: 'rootProcessInstanceKey',
  elementInstanceKey: 'elementInstanceKey',
  creationDate: 'creationDate',
  completionDate: 'completionDate',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  tenantId: 'tenantId',
};

@CamundaRestV2()
@Controller('v2/user-tasks')
export class UserTasksController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: UserTaskSearchResultDto })
  async search(@Body() query: SearchQueryDto): Promise<UserTaskSearchResultDto> {
    const tasks = await this.engine.searchUserTasks(prefilter(query.filter ?? {}));
    return searchResponse(search(await this.results(tasks), query, FIELDS), this.dialect);
  }

  @Get(':userTaskKey')
  @ApiOkResponse({ type: UserTaskResultDto })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  async get(@Param('userTaskKey') key: string): Promise<UserTaskResultDto | undefined> {
    const [result] = await this.results([await this.engine.getUserTask(key)]);
    return result;
  }

  @Post(':userTaskKey/assignment')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Assigned' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async assign(@Param('userTaskKey') key: string, @Body() body: AssignUserTaskDto) {
    rejectUnsupported(body.action, 'action');
    await this.engine.assignUserTask(key, body.assignee, body.allowOverride ?? true);
  }

  @Delete(':userTaskKey/assignee')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unassigned' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async unassign(@Param('userTaskKey') key: string) {
    await this.engine.assignUserTask(key, null);
  }

  @Post(':userTaskKey/completion')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Completed' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async complete(@Param('userTaskKey') key: string, @Body() body: CompleteUserTaskDto) {
    rejectUnsupported(body.action, 'action');
    await this.engine.completeUserTask(key, body.variables ?? undefined);
  }

  /** Tasks name their definition's version and their call hierarchy through their process instance. */
  private async results(tasks: UserTask[]): Promise<UserTaskResult[]> {
    const instances = tasks.length > 0 ? await instancesInHierarchy(this.engine, tasks.map((t) => t.processInstanceKey)) : new Map<string, InstanceInHierarchy>();
    return tasks.map((t) => {
      const owner = instances.get(t.processInstanceKey);
      return userTaskResult(t, owner?.instance, owner?.rootProcessInstanceKey, this.dialect);
    });
  }
}

const userTaskStates = new Set(['CREATED', 'ASSIGNING', 'COMPLETING', 'COMPLETED', 'CANCELED']);

function prefilter(filter: Record<string, unknown>): UserTaskFilter {
  const state = equalTo(filter.state);
  const assignee = equalTo(filter.assignee);
  const processInstanceKey = equalTo(filter.processInstanceKey);
  const elementId = equalTo(filter.elementId);
  const candidateUser = equalTo(filter.candidateUser);
  const candidateGroup = equalTo(filter.candidateGroup);
  return {
    ...(typeof state === 'string' && userTaskStates.has(state) ? { state: state as UserTaskFilter['state'] } : {}),
    ...(assignee ? { assignee } : {}),
    ...(processInstanceKey ? { processInstanceKey } : {}),
    ...(elementId ? { elementId } : {}),
    ...(candidateUser ? { candidateUser } : {}),
    ...(candidateGroup ? { candidateGroups: [candidateGroup] } : {}),
  };
}
