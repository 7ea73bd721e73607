// dmn-moddle ships no declaration for its entry point.
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}
