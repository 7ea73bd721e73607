/**
 * The operations of the OpenAPI document the platform serves (GET /api/docs-json), reduced to what
 * a request generator needs: method, path template, parameters by place, and the body's media
 * types with their schemas ($ref resolved against the document's components).
 */

export interface JsonSchema {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly $ref?: string;
  readonly allOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
}

export interface RouteParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly schema?: JsonSchema;
}

export interface ApiRoute {
  readonly method: string;
  /** OpenAPI path template, e.g. `/api/dossiers/{id}`. */
  readonly path: string;
  readonly parameters: readonly RouteParameter[];
  /** Media type → schema of the request body; empty when the operation takes none. */
  readonly bodies: ReadonlyArray<{ readonly mediaType: string; readonly schema?: JsonSchema }>;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, {
    readonly parameters?: RouteParameter[];
    readonly requestBody?: { readonly content: Record<string, { readonly schema?: JsonSchema }> };
  }>>;
  readonly components?: { readonly schemas?: Record<string, JsonSchema> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

export function routesOf(document: OpenApiDocument): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.has(method)) continue;
      routes.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => ({ ...parameter, schema: resolve(document, parameter.schema) })),
        bodies: Object.entries(operation.requestBody?.content ?? {}).map(([mediaType, { schema }]) => ({ mediaType, schema: resolve(document, schema) })),
      });
    }
  }
  return routes;
}

/** Inlines every $ref; a schema that refers to itself stops at a depth bound (the generator is bounded too). */
function resolve(document: OpenApiDocument, schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(document, document.components?.schemas?.[name], depth + 1);
  }
  const properties = schema.properties
    ? Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolve(document, value, depth + 1) ?? {}]))
    : undefined;
  const items = schema.items ? resolve(document, schema.items, depth + 1) : undefined;
  const allOf = schema.allOf?.map((part) => resolve(document, part, depth + 1) ?? {});
  return { ...schema, ...(properties ? { properties } : {}), ...(items ? { items } : {}), ...(allOf ? { allOf } : {}) };
}

/** Fills a path template with already percent-encoded segments. */
export function fillPath(template: string, encodedValues: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodedValues[name] ?? 'x');
}
