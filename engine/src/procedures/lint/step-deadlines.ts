import type { ModelElement, ModelProcess } from '../bpmn-model.js';

/**
 * The longest chain of step deadlines from a start event to an end, in working hours. Loops
 * (supplement rounds, returns for rework) are counted once: the back edges found by a depth-first walk
 * from the start events are dropped. A sub-process weighs as its own longest chain; a boundary
 * event is reached from its activity after the activity's own time.
 */
export function longestChain(
  process: ModelProcess,
  weightOf: (element: ModelElement) => number,
): { hours: number; path: ModelElement[] } {
  const byId = new Map(process.elements.map((e) => [e.id, e]));
  const scopeResult = (scopeId: string): { hours: number; path: ModelElement[] } => {
    const nodes = process.elements.filter((e) => e.scopeId === scopeId && e.type !== 'SequenceFlow');
    const successors = new Map<string, string[]>();
    for (const node of nodes) {
      const next = node.outgoing.map((f) => byId.get(f)?.target).filter((t): t is string => Boolean(t));
      const boundaries = nodes.filter((b) => b.attachedTo === node.id).map((b) => b.id);
      successors.set(node.id, [...next, ...boundaries]);
    }
    const starts = nodes.filter((n) => n.type === 'StartEvent' || (n.incoming.length === 0 && n.type !== 'BoundaryEvent'));
    const state = new Map<string, 'open' | 'done'>();
    const backEdges = new Set<string>();
    const visit = (id: string) => {
      state.set(id, 'open');
      for (const next of successors.get(id) ?? []) {
        if (state.get(next) === 'open') backEdges.add(`${id}>${next}`);
        else if (!state.has(next)) visit(next);
      }
      state.set(id, 'done');
    };
    for (const start of starts) if (!state.has(start.id)) visit(start.id);
    const memo = new Map<string, { hours: number; path: ModelElement[] }>();
    const own = (node: ModelElement) =>
      node.type === 'SubProcess' || node.type === 'AdHocSubProcess' || node.type === 'Transaction'
        ? scopeResult(node.id)
        : { hours: weightOf(node), path: weightOf(node) > 0 ? [node] : [] };
    const longest = (id: string): { hours: number; path: ModelElement[] } => {
      const cached = memo.get(id);
      if (cached) return cached;
      const node = byId.get(id)!;
      const self = own(node);
      let best = { hours: 0, path: [] as ModelElement[] };
      for (const next of successors.get(id) ?? []) {
        if (backEdges.has(`${id}>${next}`)) continue;
        const candidate = longest(next);
        if (candidate.hours > best.hours) best = candidate;
      }
      const result = { hours: self.hours + best.hours, path: [...self.path, ...best.path] };
      memo.set(id, result);
      return result;
    };
    let best = { hours: 0, path: [] as ModelElement[] };
    for (const start of starts) {
      const candidate = longest(start.id);
      if (candidate.hours > best.hours) best = candidate;
    }
    return best;
  };
  return scopeResult(process.id);
}
