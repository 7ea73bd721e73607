// bpmn-moddle 9 (bpmn-engine's parser) ships no declaration for its entry point.
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<any>;
  }
  export type Definitions = any;
  export type BaseElement = any;
}
