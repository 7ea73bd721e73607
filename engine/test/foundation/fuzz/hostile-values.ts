import fc from 'fast-check';
import type { JsonSchema } from './openapi-routes.js';

/**
 * Values a caller can put in a request that have answered 500 before (issue "Hardening",
 * finding 10) or that commonly do: U+0000, unpaired UTF-16 surrogates, JSON nested far deeper
 * than any form, dates PostgreSQL cannot store (ISO 8601 year 0000 is 1 BC; timestamps stop at
 * 4713 BC and 294276 AD), numbers beyond double and int8 range, prototype keys.
 */

/** JSON text put verbatim into a generated document: number literals JSON.stringify cannot write, deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object as an ordered list of entries, so keys such as `__proto__` stay plain data. */
export class JsonObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, JsonTree]>) {}
}

export type JsonTree = RawJson | JsonObject | string | boolean | null | JsonTree[];

export function jsonText(tree: JsonTree): string {
  if (tree instanceof RawJson) return tree.text;
  if (tree instanceof JsonObject) return `{${tree.entries.map(([key, value]) => `${quote(key)}:${jsonText(value)}`).join(',')}}`;
  if (Array.isArray(tree)) return `[${tree.map(jsonText).join(',')}]`;
  if (typeof tree === 'string') return quote(tree);
  return JSON.stringify(tree);
}

/** JSON.stringify writes a lone surrogate as a \u escape (well-formed JSON.stringify), which is what a hostile client sends. */
function quote(text: string): string {
  return JSON.stringify(text);
}

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];

const dates = fc.constantFrom(
  '0000-01-01', '0000-00-00', '0000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z', '-271821-04-20', '+275760-09-13T00:00:00Z',
  '9999-12-31', '9999-12-31T23:59:59.999Z', '2026-02-30', '2026-13-01', '1899-12-31', '1970-01-01T00:00:00+25:00', '2026-01-01T24:00:00Z',
);

const numberLiterals = fc.oneof(
  fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '123456789012345678901234567890', '9223372036854775808', '-9223372036854775809',
    '9007199254740993', '4294967296', '2147483648', '0.1e1', '1E+2', '0'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
);

/** Text with the characters that hurt: NUL, lone surrogates, control characters, very long text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '%00', '\uFEFF', '\u202E', 'null', 'undefined', 'NaN', '[object Object]',
    "' or 1=1 --", '../../../etc/passwd', '__proto__', 'constructor', '{{constructor.constructor}}', 'x'.repeat(70_000)),
  fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...LONE_SURROGATES), fc.string({ maxLength: 6 })).map(([a, s, b]) => `${a}${s}${b}`),
  fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\u0000', '\u0001', '\u001F', '\u007F')).map(([a, c]) => `${a}${c}`),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 12 }),
  dates,
  numberLiterals,
);

/** A key of an object: hostile text, the prototype's own names and keys a DTO may know. */
const hostileKey = fc.oneof(
  hostileText.filter((key) => key.length < 200),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then'),
  fc.constantFrom('id', 'code', 'type', 'name', 'value', 'variables', 'filter', 'page', 'sort'),
);

/** Nesting far deeper than any form or bundle: arrays, objects, or both. */
const deepNesting = fc.tuple(fc.integer({ min: 60, max: 5_000 }), fc.constantFrom('array', 'object')).map(([depth, kind]) =>
  new RawJson(kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

const leaf: fc.Arbitrary<JsonTree> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: numberLiterals.map((text) => new RawJson(text)) },
  { weight: 1, arbitrary: fc.constantFrom<JsonTree>(true, false, null) },
  { weight: 1, arbitrary: deepNesting },
);

/** Any JSON value, bounded in size, built from hostile leaves and keys. */
export const hostileJson: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree; array: JsonTree[]; object: JsonObject }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.array(fc.tuple(hostileKey, tie('tree')), { maxLength: 4 }).map((entries) => new JsonObject(entries)),
})).tree;

/**
 * A value shaped by a schema of the OpenAPI document (its properties, enums, item types), with
 * hostile values in the places a DTO checks; sometimes the wrong type altogether.
 */
export function shapedBy(schema: JsonSchema | undefined, known: readonly string[], depth = 0): fc.Arbitrary<JsonTree> {
  if (!schema || depth > 5) return hostileJson;
  const wrongType = { weight: 1, arbitrary: hostileJson };
  const knownText = known.length > 0 ? fc.constantFrom(...known) : hostileText;
  if (schema.allOf?.length) return shapedBy(Object.assign({}, ...schema.allOf) as JsonSchema, known, depth);
  if (schema.properties && Object.keys(schema.properties).length > 0) {
    const fields = Object.entries(schema.properties).map(([key, property]) =>
      fc.option(shapedBy(property, known, depth + 1).map((value) => [key, value] as const), { nil: undefined, freq: 4 }),
    );
    const extra = fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 2 });
    const shaped = fc.tuple(fc.tuple(...fields), extra).map(([present, added]) =>
      new JsonObject([...present.filter((entry): entry is readonly [string, JsonTree] => entry !== undefined), ...added]),
    );
    return fc.oneof({ weight: 6, arbitrary: shaped }, wrongType);
  }
  if (schema.enum?.length) {
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(schema.enum as JsonTree[])) }, { weight: 2, arbitrary: hostileText }, wrongType);
  }
  switch (schema.type) {
    case 'array':
      return fc.oneof({ weight: 5, arbitrary: fc.array(shapedBy(schema.items, known, depth + 1), { maxLength: 4 }) }, wrongType);
    case 'string':
      return fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 2, arbitrary: knownText }, wrongType);
    case 'number':
    case 'integer':
      return fc.oneof({ weight: 5, arbitrary: numberLiterals.map((text) => new RawJson(text)) }, wrongType);
    case 'boolean':
      return fc.oneof({ weight: 3, arbitrary: fc.boolean() }, wrongType);
    default:
      return hostileJson;
  }
}

/**
 * Percent-encodes text for a URL. A lone surrogate has no UTF-8 form (encodeURIComponent throws):
 * it is sent as the three bytes a careless encoder (WTF-8) would write, which are invalid UTF-8.
 */
export function percentEncode(text: string): string {
  let encoded = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      encoded += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      encoded += encodeURIComponent(text[i]);
    }
  }
  return encoded;
}

/** A URL component, already encoded: hostile text, a value the platform knows, or broken percent-encoding. */
export function urlComponent(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileText.filter((text) => text.length < 10_000).map(percentEncode) },
    { weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known).map(percentEncode) : hostileText.map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%C0%80', '%ED%A0%80', '%FF', '..', '%2e%2e', '%2F', '%E0%A4%A') },
  );
}
