import type { Transaction } from '../../../database/database.js';
import type { ElementDef, ProcessDefinitionModel } from '../model/definition.js';
import type { DecisionCache } from './decisions.js';
import type { DefinitionCache, LoadedDefinition } from './definitions.js';
import { Effects, type NewSubscription } from './effects.js';
import type { KeyAllocator } from './keys.js';
import type { ElementInstanceState, InstanceTree, ProcessInstanceState } from './state.js';

/** How much one command may do before it stops with an incident: no model can hold the process. */
export interface CommandBudget {
  /** Activations of one element one command may run before it stops there with an incident (a loop). */
  maxElementActivations: number;
  /** Activations of all elements together (inner instances of a multi-instance body aside). */
  maxCommandSteps: number;
}

export interface ExecutionContext extends CommandBudget {
  keys: KeyAllocator;
  definitions: DefinitionCache;
  decisions: DecisionCache;
}

/** Which budget an activation would exceed. */
export type OverBudget = false | 'element' | 'command';

/** One pending element activation of this command, processed breadth-first. */
export type AgendaItem =
  | { kind: 'activate'; def: ElementDef; scope: ElementInstanceState }
  /** The next inner instance of a multi-instance body. */
  | { kind: 'inner'; body: ElementInstanceState };

/** Work a command leaves for the engine once its tree is written (it concerns other trees). */
export type FollowUp = { kind: 'bufferedMessageStart'; bpmnProcessId: string; correlationKey: string };

/**
 * The state of one command on one locked instance tree: the tree, the rows it will write (effects)
 * and the agenda of element activations still to run. Behaviours (`behaviors/`) and element
 * processors (`processors/`) act on it; only memory changes here, the caller flushes it in the
 * command's transaction.
 *
 * Token accounting follows Zeebe: a flow scope may complete only when it has no active child and no
 * token in flight (a taken sequence flow whose target is not activated yet) and no token waiting at
 * a join — whatever the order of the flows in the XML.
 */
export class Execution {
  readonly effects = new Effects();
  /** Message subscriptions opened by this command: buffered messages may correlate to them at once. */
  readonly openedSubscriptions: NewSubscription[] = [];
  readonly followUps: FollowUp[] = [];
  private readonly agenda: AgendaItem[] = [];
  /** Flow scope key → ids of the elements that tokens in flight will activate. */
  private readonly inFlight = new Map<number, string[]>();
  /** Element id → activations in this command, to stop a loop that never reaches a wait state. */
  private readonly activations = new Map<string, number>();
  /** Activations of all elements in this command. */
  private steps = 0;

  constructor(
    readonly tx: Transaction,
    readonly tree: InstanceTree,
    readonly context: ExecutionContext,
    readonly now: Date,
  ) {}

  key(): Promise<number> {
    return this.context.keys.take(this.tx);
  }

  processInstance(element: ElementInstanceState): ProcessInstanceState {
    return this.tree.processInstances.get(element.processInstanceKey)!;
  }

  definitionOf(instance: ProcessInstanceState): LoadedDefinition {
    return this.context.definitions.cached(instance.processDefinitionKey);
  }

  model(element: ElementInstanceState): ProcessDefinitionModel {
    return this.definitionOf(this.processInstance(element)).model;
  }

  def(element: ElementInstanceState): ElementDef {
    return this.model(element).elements[element.elementId];
  }

  scopeOf(element: ElementInstanceState): ElementInstanceState | undefined {
    return element.scopeKey === null ? undefined : this.tree.elements.get(element.scopeKey);
  }

  // ---------------------------------------------------------------- agenda

  schedule(item: AgendaItem): void {
    this.agenda.push(item);
    if (item.kind === 'activate') {
      let targets = this.inFlight.get(item.scope.key);
      if (!targets) this.inFlight.set(item.scope.key, (targets = []));
      targets.push(item.def.id);
    }
  }

  /** Forgets the tokens in flight in a scope whose children were terminated (terminate end event, interruption). */
  discardTokens(scopeKey: number): void {
    this.inFlight.delete(scopeKey);
    for (let i = this.agenda.length - 1; i >= 0; i--) {
      const item = this.agenda[i];
      if (item.kind === 'activate' && item.scope.key === scopeKey) this.agenda.splice(i, 1);
    }
  }

  tokensInFlight(scopeKey: number): readonly string[] {
    return this.inFlight.get(scopeKey) ?? [];
  }

  /** Takes the next activation off the agenda (its token lands), or undefined when the agenda is empty. */
  nextItem(): { item: AgendaItem; overBudget: OverBudget } | undefined {
    const item = this.agenda.shift();
    if (!item) return undefined;
    if (item.kind === 'activate') {
      const targets = this.inFlight.get(item.scope.key)!;
      targets.splice(targets.indexOf(item.def.id), 1);
      if (targets.length === 0) this.inFlight.delete(item.scope.key);
    }
    if (item.kind === 'inner') return { item, overBudget: false };
    const count = (this.activations.get(item.def.id) ?? 0) + 1;
    this.activations.set(item.def.id, count);
    this.steps++;
    if (count > this.context.maxElementActivations) return { item, overBudget: 'element' };
    return { item, overBudget: this.steps > this.context.maxCommandSteps ? 'command' : false };
  }
}
