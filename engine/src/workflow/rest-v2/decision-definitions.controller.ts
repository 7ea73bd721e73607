import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { EvaluateDecisionDto } from './dto/decisions.dto.js';
import { decisionEvaluationResult, REST_V2_DIALECT, type ApiDialect } from './representations.js';
import { CamundaRestV2, problem } from './rest-v2-access.js';
import { EvaluateDecisionResultDto } from './dto/results.dto.js';

@CamundaRestV2()
@Controller('v2/decision-definitions')
export class DecisionDefinitionsController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  /**
   * Evaluates a deployed decision outside any process. A failing evaluation still answers 200 with
   * the failed decision and message, as Camunda's gateway does; an unknown decision is 404.
   */
  @Post('evaluation')
  @HttpCode(200)
  @ApiOkResponse({ type: EvaluateDecisionResultDto })
  @ApiNotFoundResponse(problem('NOT_FOUND'))
  async evaluate(@Body() body: EvaluateDecisionDto): Promise<EvaluateDecisionResultDto> {
    const evaluation = await this.engine.evaluateDecision({
      ...(body.decisionDefinitionId !== undefined ? { decisionDefinitionId: body.decisionDefinitionId } : {}),
      ...(body.decisionDefinitionKey !== undefined ? { decisionDefinitionKey: body.decisionDefinitionKey } : {}),
      variables: body.variables ?? {},
    });
    return decisionEvaluationResult(evaluation, this.dialect);
  }
}
