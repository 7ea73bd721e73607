// The bpmn-io extension modules ship without type declarations: they are diagram-js modules
// (plain objects of services) and are only handed to the Modeler.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: object;
  export const BpmnPropertiesProviderModule: object;
  export const ZeebePropertiesProviderModule: object;
  export function useService(name: string): unknown;
}
declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: object;
}
declare module 'bpmn-js-create-append-anything' {
  export const CreateAppendAnythingModule: object;
  export const CreateAppendElementTemplatesModule: object;
}
declare module 'bpmn-js-bpmnlint' {
  const module: object;
  export default module;
}
declare module 'bpmn-js-token-simulation' {
  const module: object;
  export default module;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: object;
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: object;
  export default descriptor;
}
declare module 'virtual:bpmnlint-config' {
  const bundle: { config: object; resolver: object };
  export default bundle;
}
declare module 'dmn-js/lib/Modeler' {
  /** dmn-js's view manager: one viewer per view kind (DRD, decision table, literal expression). */
  export default class DmnModeler {
    constructor(options: { container: HTMLElement } & Partial<Record<'common' | 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression', { additionalModules?: object[] }>>);
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): { id: string; name?: string; type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression' }[];
    open(view: object): Promise<unknown>;
    getActiveViewer(): unknown;
    on(event: string, callback: (event: never) => void): void;
    destroy(): void;
  }
}
declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: import('@bpmn-io/properties-panel/preact').FunctionComponent<Record<string, unknown>>;
}

declare module '@bpmn-io/element-template-chooser' {
  const module: object;
  export default module;
}
