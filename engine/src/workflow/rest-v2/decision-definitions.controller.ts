import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { EvaluateDecisionDto } from './dto/decisions.dto.js';
import { decisionEvaluationResult, REST_V2_DIALECT, type ApiDialect } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';

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
  async evaluate(@Body() body: EvaluateDecisionDto) {
    const evaluation = await this.engine.evaluateDecision({
      ...(body.decisionDefinitionId !== undefined ? { decisionDefinitionId: body.decisionDefinitionId } : {}),
      ...(body.decisionDefinitionKey !== undefined ? { decisionDefinitionKey: body.decisionDefinitionKey } : {}),
      variables: body.variables ?? {},
    });
    return decisionEvaluationResult(evaluation, this.dialect);
  }
}
