import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Validators for the response schemas of an OpenAPI 3.0 document. OpenAPI 3.0's Schema Object is
 * JSON Schema with `nullable` instead of a `null` type (OAS 3.0.3, Schema Object, "nullable"):
 * each nullable schema becomes `anyOf: [null, schema]` for Ajv. Object schemas that list their
 * properties get `additionalProperties: false` unless they say otherwise, so an answer carrying a
 * field its DTO does not declare (a table column) fails instead of passing unseen.
 */
type Schema = Record<string, unknown>;

// RFC 3339 date-time and RFC 4122 text form: what the DTOs declare with `format`.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Schema;
  const converted: Schema = Object.fromEntries(Object.entries(rest).map(([key, inner]) => [key, key === 'properties' ? mapValues(inner as Schema) : toJsonSchema(inner)]));
  if (converted.$ref) converted.$ref = `openapi${converted.$ref as string}`;
  if (converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  return nullable ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

function mapValues(properties: Schema): Schema {
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, toJsonSchema(schema)]));
}

export class ResponseSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(document: { components?: { schemas?: Schema } }) {
    this.ajv.addFormat('date-time', DATE_TIME);
    this.ajv.addFormat('uuid', UUID);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'openapi', components: { schemas: mapValues(document.components?.schemas ?? {}) } });
  }

  /** A validator for one response's schema as the document states it. */
  validator(schema: unknown): ValidateFunction {
    return this.ajv.compile(toJsonSchema(schema) as Schema);
  }
}
