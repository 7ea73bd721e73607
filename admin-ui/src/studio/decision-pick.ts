import { SelectEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';

/** What the pick offers: the bundle's decisions, kept current by the editor as DMN files change. */
export interface BundleDecisions {
  list: { id: string; name: string }[];
  label: string;
  other: string;
}

type Element = { businessObject: { extensionElements?: { values?: CalledDecision[] } } };
type CalledDecision = { $type: string; decisionId?: string };
type Group = { id: string; entries: { id: string; component: unknown }[] };

const calledDecision = (element: Element) => element.businessObject.extensionElements?.values?.find((v) => v.$type === 'zeebe:CalledDecision');

function DecisionPick({ element, id }: { element: Element; id: string }) {
  const decisions = useService('bundleDecisions') as BundleDecisions;
  const commandStack = useService('commandStack') as { execute(command: string, context: object): void };
  const current = calledDecision(element)?.decisionId ?? '';
  const known = decisions.list.some((d) => d.id === current);
  return h(SelectEntry, {
    element,
    id,
    label: decisions.label,
    getValue: () => (known ? current : ''),
    setValue: (value: string) => {
      const moddleElement = calledDecision(element);
      if (value && moddleElement) commandStack.execute('element.updateModdleProperties', { element, moddleElement, properties: { decisionId: value } });
    },
    getOptions: () => [{ value: '', label: decisions.other }, ...decisions.list.map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }))],
  });
}

/**
 * A pick of the bundle's decisions above the Zeebe panel's decision id: choosing one writes its id;
 * the FEEL field stays for any other id.
 */
class DecisionPickProvider {
  static $inject = ['propertiesPanel'];
  constructor(propertiesPanel: { registerProvider(priority: number, provider: object): void }) {
    propertiesPanel.registerProvider(400, this);
  }
  getGroups() {
    return (groups: Group[]) => {
      const group = groups.find((g) => g.id === 'calledDecision');
      const at = group?.entries.findIndex((e) => e.id === 'decisionId') ?? -1;
      if (group && at >= 0) group.entries.splice(at, 0, { id: 'bundleDecision', component: DecisionPick });
      return groups;
    };
  }
}

export function decisionPickModule(decisions: BundleDecisions): object {
  return { __init__: ['decisionPickProvider'], decisionPickProvider: ['type', DecisionPickProvider], bundleDecisions: ['value', decisions] };
}
