import { modelFiles, type ProcedureBundle } from './bundle.js';
import { parseModel, type ModelElement } from './bpmn-model.js';

export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

/** Element ids that are active in one running instance, as the engine reports them. */
export interface RunningInstance {
  processInstanceKey: string;
  activeElementIds: string[];
}

/**
 * Checks a migration plan the way Camunda 8 does before migrating: every active element of every
 * instance has a mapping instruction, and each maps to an element of the same type in the target.
 */
export async function checkMappings(
  source: ProcedureBundle,
  target: ProcedureBundle,
  processId: string,
  mapping: MappingInstruction[],
  instances: RunningInstance[],
): Promise<string[]> {
  const sourceElements = await processElements(source, processId);
  const targetElements = await processElements(target, processId);
  const problems: string[] = [];
  const bySource = new Map<string, string>();
  for (const instruction of mapping) {
    const from = sourceElements.get(instruction.sourceElementId);
    const to = targetElements.get(instruction.targetElementId);
    if (bySource.has(instruction.sourceElementId)) problems.push(`element '${instruction.sourceElementId}' is mapped more than once`);
    bySource.set(instruction.sourceElementId, instruction.targetElementId);
    if (!from) problems.push(`the source version has no element '${instruction.sourceElementId}' in process '${processId}'`);
    if (!to) problems.push(`the target version has no element '${instruction.targetElementId}' in process '${processId}'`);
    if (from && to && from.type !== to.type) {
      problems.push(`'${from.id}' is a ${from.type} but its target '${to.id}' is a ${to.type}; an element can only be mapped to one of the same type`);
    }
  }
  for (const instance of instances) {
    for (const elementId of instance.activeElementIds) {
      if (elementId === processId || !sourceElements.has(elementId)) continue;
      if (!bySource.has(elementId)) {
        problems.push(`instance ${instance.processInstanceKey} is active in '${elementId}', which the mapping does not cover`);
      }
    }
  }
  return [...new Set(problems)];
}

async function processElements(bundle: ProcedureBundle, processId: string): Promise<Map<string, ModelElement>> {
  for (const [file, xml] of modelFiles(bundle)) {
    const model = await parseModel(file, xml);
    const process = model.processes.find((p) => p.id === processId);
    if (process) return new Map(process.elements.map((e) => [e.id, e]));
  }
  return new Map();
}
