import { SelectEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';

/** What a pick offers: the bundle's decisions or forms, kept current by the editor as the files change. */
export interface BundleChoices {
  list: { id: string; name: string }[];
  label: string;
  /** The empty choice: "another id" where a free entry stays beside the pick, "none" where it replaces it. */
  other: string;
  /** Shown for an id the element references that the bundle does not hold, so the pick never hides it. */
  missing: string;
}

type ModdleElement = { $type: string; get(name: string): unknown };
type Element = { businessObject: { extensionElements?: { values?: ModdleElement[] } } };
/** A template's property, as bpmn-js-element-templates hands it to its entry. */
type TemplateProperty = { label?: string; binding?: { type?: string; property?: string } };
type Entry = { id: string; component: unknown; property?: TemplateProperty };
/** List groups (mappings, headers) carry `items` instead of `entries`. */
type Group = { id: string; entries?: Entry[] };

/** Where a pick goes in the properties panel and which property of which extension element it writes. */
interface PickPlace {
  /** After the providers whose entries it finds: Zeebe's run at 500, element templates' at 300. */
  priority: number;
  /** The entry the pick goes above, or replaces. */
  at(group: Group, entry: Entry): boolean;
  /** Put the pick in place of the entry (forms), or above it and keep the entry for other ids (decisions). */
  replace: boolean;
  extension: string;
  property: string;
}

const extensionOf = (element: Element, type: string) => element.businessObject.extensionElements?.values?.find((v) => v.$type === type);

function pickComponent(service: string, place: PickPlace) {
  return function BundlePick({ element, id, property }: { element: Element; id: string; property?: TemplateProperty }) {
    const choices = useService(service) as BundleChoices;
    const commandStack = useService('commandStack') as { execute(command: string, context: object): void };
    const value: unknown = extensionOf(element, place.extension)?.get(place.property);
    const current = typeof value === 'string' ? value : '';
    const known = choices.list.some((c) => c.id === current);
    const kept = !known && current && place.replace ? [{ value: current, label: `${choices.missing}: ${current}` }] : [];
    return h(SelectEntry, {
      element,
      id,
      // A template names the property for its task (Mã biểu mẫu thẩm định): keep its label.
      label: property?.label ?? choices.label,
      getValue: () => (known || kept.length ? current : ''),
      setValue: (value: string) => {
        const moddleElement = extensionOf(element, place.extension);
        if (moddleElement && (value || place.replace)) commandStack.execute('element.updateModdleProperties', { element, moddleElement, properties: { [place.property]: value } });
      },
      getOptions: () => [{ value: '', label: choices.other }, ...kept, ...choices.list.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }))],
    });
  };
}

function pickProvider(service: string, place: PickPlace) {
  const component = pickComponent(service, place);
  return class BundlePickProvider {
    static $inject = ['propertiesPanel'];
    constructor(propertiesPanel: { registerProvider(priority: number, provider: object): void }) {
      propertiesPanel.registerProvider(place.priority, this);
    }
    getGroups() {
      return (groups: Group[]) => {
        for (const group of groups) {
          const entries = group.entries;
          const at = entries?.findIndex((e) => place.at(group, e)) ?? -1;
          if (!entries || at < 0) continue;
          const entry = entries[at];
          entries.splice(at, place.replace ? 1 : 0, place.replace ? { ...entry, component } : { id: `bundle-${entry.id}`, component });
        }
        return groups;
      };
    }
  };
}

/**
 * The bundle's decisions above the Zeebe panel's decision id of a business rule task: choosing one
 * writes its id; the FEEL field stays for any other id.
 */
export function decisionPickModule(decisions: BundleChoices): object {
  const place: PickPlace = {
    priority: 400,
    at: (group, entry) => group.id === 'calledDecision' && entry.id === 'decisionId',
    replace: false,
    extension: 'zeebe:CalledDecision',
    property: 'decisionId',
  };
  return { __init__: ['decisionPickProvider'], decisionPickProvider: ['type', pickProvider('bundleDecisions', place)], bundleDecisions: ['value', decisions] };
}

/**
 * The bundle's forms in place of the free form id of a user task's linked Camunda form
 * (zeebe:formDefinition formId), in the Zeebe panel and in element templates that bind it: the id
 * must name a form the bundle deploys with the process.
 */
export function formPickModule(forms: BundleChoices): object {
  const place: PickPlace = {
    priority: 200,
    at: (group, entry) =>
      (group.id === 'form' && entry.id === 'formId') || (entry.property?.binding?.type === 'zeebe:formDefinition' && entry.property.binding.property === 'formId'),
    replace: true,
    extension: 'zeebe:FormDefinition',
    property: 'formId',
  };
  return { __init__: ['formPickProvider'], formPickProvider: ['type', pickProvider('bundleForms', place)], bundleForms: ['value', forms] };
}
