import { WorkflowError, type DecisionEvaluation, type EvaluateDecisionRequest } from '../workflow-engine.port.js';
import type { CommandRunner } from './command-runner.js';
import { DecisionEvaluationError, evaluateDecision as evaluate, type EvaluatedDecision as DmnEvaluated } from './dmn/evaluate.js';
import type { LoadedDecision } from './runtime/decisions.js';
import { eq } from 'drizzle-orm';
import { wfDecisions } from './workflow.schema.js';

/** POST /v2/decision-definitions/evaluation: the latest version of an id, or a definition by key. */
export async function evaluateDecisionStandalone(runner: CommandRunner, request: EvaluateDecisionRequest): Promise<DecisionEvaluation> {
  const { decisionDefinitionId: id, decisionDefinitionKey: key } = request;
  if ((id === undefined) === (key === undefined)) {
    throw new WorkflowError('INVALID_ARGUMENT', 'Expected either a decision definition id or a decision definition key, but not both');
  }
  const decision =
    key !== undefined
      ? /^\d+$/.test(key)
        ? await runner.decisions.byKey(runner.db, Number(key))
        : undefined
      : await runner.decisions.latest(runner.db, id!);
  if (!decision) {
    throw new WorkflowError(
      'NOT_FOUND',
      key !== undefined
        ? `Expected to evaluate decision with key '${key}', but no such decision found`
        : `Expected to evaluate decision '${id}', but no decision found for id '${id}'`,
    );
  }
  return evaluateLoaded(runner, decision, request.variables ?? {});
}

/**
 * Evaluates a loaded decision into Camunda's result shape; a failure is part of the result, not an
 * exception, except a breached evaluation limit, which refuses the request.
 */
export async function evaluateLoaded(runner: CommandRunner, decision: LoadedDecision, variables: Record<string, unknown>): Promise<DecisionEvaluation> {
  const evaluationKey = await runner.transaction((tx) => runner.keys.take(tx));
  const base = {
    decisionEvaluationKey: String(evaluationKey),
    decisionDefinitionKey: String(decision.key),
    decisionDefinitionId: decision.decisionId,
    decisionDefinitionName: decision.name,
    decisionDefinitionVersion: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: String(decision.decisionRequirementsKey),
  };
  // Decisions of the same graph share its deployment: their keys and versions come from there.
  const siblings = await runner.db.select().from(wfDecisions).where(eq(wfDecisions.decisionRequirementsKey, decision.decisionRequirementsKey));
  const describe = (d: DmnEvaluated) => {
    const row = siblings.find((s) => s.decisionId === d.decisionId);
    return {
      decisionDefinitionKey: String(row?.key ?? ''),
      decisionDefinitionId: d.decisionId,
      decisionDefinitionName: d.decisionName,
      decisionDefinitionVersion: row?.version ?? decision.version,
      decisionDefinitionType: d.decisionType,
      output: d.decisionOutput,
      evaluatedInputs: d.evaluatedInputs,
      matchedRules: d.matchedRules,
    };
  };
  try {
    const result = evaluate(decision.graph, decision.decisionId, variables);
    return { ...base, output: result.output, evaluatedDecisions: result.evaluatedDecisions.map(describe) };
  } catch (error) {
    if (!(error instanceof DecisionEvaluationError)) throw error;
    // A breached limit is the request's doing (its variables or the decision's size), not a result.
    if (error.limitExceeded) throw new WorkflowError('INVALID_ARGUMENT', error.message);
    return {
      ...base,
      output: null,
      failedDecisionDefinitionId: error.failedDecisionId,
      failureMessage: error.message,
      evaluatedDecisions: error.evaluatedDecisions.map(describe),
    };
  }
}
