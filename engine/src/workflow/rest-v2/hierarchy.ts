import type { ProcessInstance, WorkflowEngine } from '../workflow-engine.port.js';

/** A process instance and the top of its call-activity hierarchy (itself, when it has no parent). */
export interface InstanceInHierarchy {
  instance: ProcessInstance;
  rootProcessInstanceKey: string;
}

/**
 * Reads the given process instances and their ancestors, for what v2 records name besides their
 * own keys: the definition and version of their instance, and `rootProcessInstanceKey`. Keys the
 * engine does not know are missing from the result.
 */
export async function instancesInHierarchy(engine: WorkflowEngine, keys: Iterable<string>): Promise<Map<string, InstanceInHierarchy>> {
  const known = new Map<string, ProcessInstance>();
  let wanted = [...new Set(keys)];
  while (wanted.length > 0) {
    const found = await engine.searchProcessInstances({ processInstanceKeys: wanted });
    for (const instance of found) known.set(instance.processInstanceKey, instance);
    wanted = [
      ...new Set(
        found.map((i) => i.parentProcessInstanceKey).filter((k): k is string => k !== undefined && !known.has(k)),
      ),
    ];
  }
  const result = new Map<string, InstanceInHierarchy>();
  for (const instance of known.values()) {
    let top = instance;
    const seen = new Set<string>();
    while (top.parentProcessInstanceKey && known.has(top.parentProcessInstanceKey) && !seen.has(top.processInstanceKey)) {
      seen.add(top.processInstanceKey);
      top = known.get(top.parentProcessInstanceKey)!;
    }
    result.set(instance.processInstanceKey, { instance, rootProcessInstanceKey: top.processInstanceKey });
  }
  return result;
}

/** The root of one instance's hierarchy: the instance itself unless another instance called it. */
export async function rootOf(engine: WorkflowEngine, instance: ProcessInstance): Promise<string> {
  if (!instance.parentProcessInstanceKey) return instance.processInstanceKey;
  const hierarchy = await instancesInHierarchy(engine, [instance.processInstanceKey]);
  return hierarchy.get(instance.processInstanceKey)?.rootProcessInstanceKey ?? instance.processInstanceKey;
}
