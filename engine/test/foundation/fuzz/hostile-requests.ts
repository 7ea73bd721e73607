import fc from 'fast-check';
import { hostileJson, hostileText, jsonText, percentEncode, shapedBy, urlComponent } from './hostile-values.js';
import { fillPath, type ApiRoute } from './openapi-routes.js';

/** One generated request, printable in a failure report. */
export interface HostileRequest {
  readonly method: string;
  /** Path and query, already encoded. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | { readonly multipart: ReadonlyArray<MultipartPart> };
}

export interface MultipartPart {
  readonly name: string;
  readonly value: string;
  /** Sent as a file with this name and content when set. */
  readonly file?: { readonly filename: string; readonly bytes: Uint8Array };
}

/** Query names that routes read without documenting them (lookup, payment return and IPN, filters). */
const UNDOCUMENTED_QUERY = ['code', 'idNumber', 'dossierId', 'from', 'to', 'limit', 'after', 'status', 'vnp_TxnRef', 'vnp_Amount',
  'vnp_ResponseCode', 'vnp_SecureHash', 'x[a][b]', '__proto__'];

/** Texts that are not JSON, or JSON that only a careless parser accepts. */
const brokenJson = fc.constantFrom('', '{', 'nul', '"\\u0000"', '{"a":1,}', '\uFEFF{}', '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}', '[]', 'null', '1e400', `${'['.repeat(100_000)}`);

const idempotencyKey = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 300 });

const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }),
  fc.constantFrom('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj<</Type/Sig>>', 'PK\u0003\u0004', '<?xml version="1.0"?><definitions/>', '%PDF-')
    .map((text) => new TextEncoder().encode(text)),
);

/**
 * A request to one operation. Hostile everywhere at once, most requests stop at the first check;
 * so each request has a focus (path, query or body) and, outside it, uses values the platform
 * knows (its own ids and slugs) and no query, to reach the code behind the checks.
 */
export function hostileRequest(route: ApiRoute, known: readonly string[]): fc.Arbitrary<HostileRequest> {
  const pathNames = route.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const queryNames = [...route.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name), ...UNDOCUMENTED_QUERY];
  const knownComponent = known.length > 0 ? fc.constantFrom(...known).map(percentEncode) : urlComponent(known);
  const path = (hostile: boolean) => fc.tuple(...pathNames.map(() => (hostile ? urlComponent(known) : knownComponent))).map((values) =>
    fillPath(route.path, Object.fromEntries(pathNames.map((name, i) => [name, values[i]]))),
  );
  const query = fc.subarray(queryNames, { maxLength: 4 }).chain((names) =>
    fc.tuple(...names.map(() => urlComponent(known))).map((values) => names.map((name, i) => `${percentEncode(name)}=${values[i]}`).join('&')),
  );
  const headers = fc.option(idempotencyKey, { nil: undefined }).map((key): Record<string, string> => (key === undefined ? {} : { 'idempotency-key': key }));
  const focus = fc.constantFrom(...(pathNames.length > 0 ? ['path', 'query', 'body'] as const : ['query', 'body'] as const));
  return focus.chain((part) =>
    fc.tuple(path(part === 'path'), part === 'query' ? query : fc.constant(''), headers, body(route, known)).map(([filledPath, queryText, extraHeaders, generated]) => ({
      method: route.method,
      target: queryText ? `${filledPath}?${queryText}` : filledPath,
      headers: { ...extraHeaders, ...generated.headers },
      body: generated.body,
    })),
  );
}

interface GeneratedBody {
  readonly headers: Record<string, string>;
  readonly body?: HostileRequest['body'];
}

function body(route: ApiRoute, known: readonly string[]): fc.Arbitrary<GeneratedBody> {
  if (route.method === 'GET') return fc.constant({ headers: {} });
  const multipart = route.bodies.find((candidate) => candidate.mediaType === 'multipart/form-data');
  if (multipart) {
    const fieldNames = [...Object.keys(multipart.schema?.properties ?? {}), 'file', 'resources', 'tenantId'];
    const part = fc.tuple(fc.constantFrom(...fieldNames), hostileText.filter((text) => text.length < 5_000), fc.option(fc.tuple(hostileText, fileBytes), { nil: undefined }))
      .map(([name, value, file]): MultipartPart => (file ? { name, value, file: { filename: file[0] || 'x', bytes: file[1] } } : { name, value }));
    return fc.array(part, { maxLength: 4 }).map((parts) => ({ headers: {}, body: { multipart: parts } }));
  }
  const schema = route.bodies.find((candidate) => candidate.mediaType === 'application/json')?.schema;
  return fc.oneof(
    { weight: 6, arbitrary: shapedBy(schema, known).map((tree) => json(jsonText(tree))) },
    { weight: 2, arbitrary: hostileJson.map((tree) => json(jsonText(tree))) },
    { weight: 1, arbitrary: brokenJson.map(json) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16'), hostileText)
        .map(([type, text]) => ({ headers: { 'content-type': type }, body: text })),
    },
  );
}

function json(text: string): GeneratedBody {
  return { headers: { 'content-type': 'application/json' }, body: text };
}

/** The request as fetch sends it. */
export function requestInit(request: HostileRequest): RequestInit {
  const headers = new Headers(request.headers);
  if (request.body === undefined) return { method: request.method, headers };
  if (typeof request.body === 'string') return { method: request.method, headers, body: request.body };
  const form = new FormData();
  for (const part of request.body.multipart) {
    if (part.file) form.append(part.name, new Blob([part.file.bytes]), part.file.filename);
    else form.append(part.name, part.value);
  }
  return { method: request.method, headers, body: form };
}

/** A short description for the failure report: the request line, headers and the start of the body. */
export function describeRequest(request: HostileRequest): string {
  const bodyText = request.body === undefined ? '' : typeof request.body === 'string'
    ? request.body
    : JSON.stringify(request.body.multipart.map((part) => ({ name: part.name, value: part.value, file: part.file ? { filename: part.file.filename, size: part.file.bytes.length } : undefined })));
  return `${request.method} ${request.target.slice(0, 500)} ${JSON.stringify(request.headers)} ${JSON.stringify(bodyText.slice(0, 500))}`;
}
