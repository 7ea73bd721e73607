import { BadRequestException, Body, Controller, HttpCode, Inject, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { WORKFLOW_ENGINE, type JobResult, type WorkflowEngine } from '../workflow-engine.port.js';
import type { JsonObject } from './dto/common.js';
import { ActivateJobsDto, CompleteJobDto, FailJobDto, ThrowJobErrorDto, UpdateJobDto } from './dto/jobs.dto.js';
import { JobActivationService } from './job-activation.service.js';
import { instancesInHierarchy, type InstanceInHierarchy } from './hierarchy.js';
import { activatedJobResult, REST_V2_DIALECT, type ApiDialect } from './representations.js';
import { CamundaRestV2, problem } from './rest-v2-access.js';
import { ActivateJobsResultDto } from './dto/results.dto.js';
import { rejectUnsupported } from './unsupported.js';

/** The completion `result` of a task listener job; ad-hoc sub-process results are refused (no ad-hoc sub-processes here). */
function jobResult(result: JsonObject | null | undefined): JobResult | undefined {
  if (!result) return undefined;
  if (result.type !== undefined && result.type !== 'userTask') rejectUnsupported(result, `result of type '${JSON.stringify(result.type)}' (ad-hoc sub-processes)`);
  const corrections = result.corrections;
  if (corrections !== undefined && corrections !== null && (typeof corrections !== 'object' || Array.isArray(corrections))) {
    throw new BadRequestException('result.corrections must be an object');
  }
  return {
    ...(result.denied !== undefined && result.denied !== null ? { denied: result.denied === true } : {}),
    ...(typeof result.deniedReason === 'string' ? { deniedReason: result.deniedReason } : {}),
    ...(corrections ? { corrections: corrections } : {}),
  };
}

@CamundaRestV2()
@Controller('v2/jobs')
export class JobsController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    private readonly activation: JobActivationService,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  @Post('activation')
  @HttpCode(200)
  @ApiOkResponse({ type: ActivateJobsResultDto })
  async activate(@Body() body: ActivateJobsDto, @Res({ passthrough: true }) response: Response) {
    // The request's own 'close' fires once its body is read; the response's, when the client hangs
    // up before the answer (a stopped worker): then no job may be activated for it.
    const gone = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) gone.abort();
    });
    const jobs = await this.activation.activate(
      {
        type: body.type,
        worker: body.worker ?? '',
        maxJobsToActivate: body.maxJobsToActivate,
        timeout: body.timeout,
        ...(body.fetchVariable ? { fetchVariable: body.fetchVariable } : {}),
      },
      body.requestTimeout,
      gone.signal,
    );
    const instances = jobs.length > 0 ? await instancesInHierarchy(this.engine, jobs.map((j) => j.processInstanceKey)) : new Map<string, InstanceInHierarchy>();
    return {
      jobs: jobs.map((job) => activatedJobResult(job, instances.get(job.processInstanceKey)?.rootProcessInstanceKey, this.dialect)),
    };
  }

  @Post(':jobKey/completion')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Completed' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async complete(@Param('jobKey') jobKey: string, @Body() body: CompleteJobDto) {
    await this.engine.completeJob(jobKey, body.variables ?? undefined, jobResult(body.result));
  }

  @Post(':jobKey/failure')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Failed' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async fail(@Param('jobKey') jobKey: string, @Body() body: FailJobDto) {
    await this.engine.failJob(jobKey, {
      retries: body.retries ?? 0,
      ...(body.errorMessage !== undefined ? { errorMessage: body.errorMessage } : {}),
      ...(body.retryBackOff !== undefined ? { retryBackOff: body.retryBackOff } : {}),
      ...(body.variables ? { variables: body.variables } : {}),
    });
  }

  @Post(':jobKey/error')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Error thrown' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async throwError(@Param('jobKey') jobKey: string, @Body() body: ThrowJobErrorDto) {
    await this.engine.throwJobError(jobKey, {
      errorCode: body.errorCode,
      ...(body.errorMessage !== undefined ? { errorMessage: body.errorMessage } : {}),
      ...(body.variables ? { variables: body.variables } : {}),
    });
  }

  @Patch(':jobKey')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Updated' })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  @ApiConflictResponse(problem('INVALID_STATE'))
  async update(@Param('jobKey') jobKey: string, @Body() body: UpdateJobDto) {
    rejectUnsupported(body.changeset.timeout, 'changeset.timeout');
    if (body.changeset.retries !== undefined) await this.engine.updateJobRetries(jobKey, body.changeset.retries);
  }
}
