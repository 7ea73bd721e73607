import { DecisionEvaluationError, evaluateDecision } from '../../dmn/evaluate.js';
import { StepIncident } from '../behaviors/incidents.js';
import { complete } from '../behaviors/transitions.js';
import { visibleVariables } from '../behaviors/variables.js';
import type { LoadedDecision } from '../decisions.js';
import type { Execution } from '../execution.js';
import { evaluateString } from '../feel.js';
import type { ElementInstanceState } from '../state.js';
import { createJob } from './job-worker-task.js';
import type { ElementProcessor } from './processor.js';

/**
 * A business rule task with zeebe:calledDecision evaluates the decision in the engine and sets the
 * result variable (then the output mappings run); with zeebe:taskDefinition it is a job.
 * Incident messages are Zeebe's (BusinessRuleTaskIncidentTest).
 */
export const businessRuleTask: ElementProcessor = {
  async onActivate(x, element, def) {
    const called = def.calledDecision;
    if (!called) return createJob(x, element, def);
    const variables = visibleVariables(x, element);
    const decisionId = evaluateString(called.decisionId, variables, 'the called decision id');
    const decision = await calledDecision(x, element, decisionId);
    let output: unknown;
    try {
      output = evaluateDecision(decision.graph, decision.decisionId, variables).output;
    } catch (error) {
      if (error instanceof DecisionEvaluationError) throw new StepIncident('DECISION_EVALUATION_ERROR', error.message);
      throw error;
    }
    await complete(x, element, { [called.resultVariable]: output });
  },
};

async function calledDecision(x: Execution, element: ElementInstanceState, decisionId: string): Promise<LoadedDecision> {
  const called = x.def(element).calledDecision!;
  const decisions = x.context.decisions;
  if (called.bindingType === 'deployment') {
    const deploymentKey = x.definitionOf(x.processInstance(element)).deploymentKey;
    const found = await decisions.inDeployment(x.tx, decisionId, deploymentKey);
    if (found) return found;
    throw new StepIncident(
      'CALLED_DECISION_ERROR',
      `Expected to evaluate decision '${decisionId}' with binding type 'deployment', but no such decision found in the deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended decision to evaluate.`,
    );
  }
  if (called.bindingType === 'versionTag') {
    const found = await decisions.withVersionTag(x.tx, decisionId, called.versionTag ?? '');
    if (found) return found;
    throw new StepIncident(
      'CALLED_DECISION_ERROR',
      `Expected to evaluate decision with id '${decisionId}' and version tag '${called.versionTag}', but no such decision found. To resolve this incident, deploy a decision with the given id and version tag.`,
    );
  }
  const found = await decisions.latest(x.tx, decisionId);
  if (found) return found;
  throw new StepIncident('CALLED_DECISION_ERROR', `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`);
}
