import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { waitFor } from '../dossiers/support.js';
import { backendName } from '../support/database.js';
import { ResponseSchemas } from './response-schemas.js';

/**
 * The response contract (issue 16: "services return table rows, /api/docs describes inputs only").
 * References: OpenAPI 3.0.3, Responses Object — it "MUST contain at least one response code, and it
 * SHOULD be the response for a successful operation call", and a Response Object's `content` maps
 * media types to the schema of the body (https://spec.openapis.org/oas/v3.0.3#responses-object);
 * NestJS, OpenAPI "Operations" — responses are declared with @ApiOkResponse / @ApiCreatedResponse
 * and a DTO `type` (https://docs.nestjs.com/openapi/operations).
 */
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Record<string, unknown>> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe(`Every route answers a declared shape (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let document: Document;
  let schemas: ResponseSchemas;
  const tokens: Record<string, string> = {};

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { SEED_DEMO_DOSSIERS: 'true' });
    const client = await webClient(platform.issuer);
    for (const username of ['admin', 'citizen1', 'reception.hongha', 'analyst.hongha', 'supervisor']) tokens[username] = await passwordLogin(client, username);
    document = (await (await api(site.baseUrl, '/api/docs-json')).json()) as Document;
    schemas = new ResponseSchemas(document);
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  test('every operation of /api/docs-json declares its success: a body schema, no content (204) or a redirect', () => {
    const undeclared: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        operations++;
        const declared = Object.entries(operation.responses ?? {}).some(([status, response]) => {
          if (status === '204' || status.startsWith('3')) return true;
          return status.startsWith('2') && Object.values(response.content ?? {}).length > 0 && Object.values(response.content ?? {}).every((media) => media.schema);
        });
        if (!declared) undeclared.push(`${method.toUpperCase()} ${path}`);
      }
    }
    assert.ok(operations >= 90, `${operations} operations`);
    assert.deepEqual(undeclared, []);
  });

  /** Calls the route and checks the body against the schema its operation declares for that status. */
  async function answersAsDeclared(method: string, template: string, path: string, username?: string, body?: unknown): Promise<unknown> {
    const response = await api(site.baseUrl, path, username ? tokens[username] : undefined, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    const declared = document.paths[template]?.[method.toLowerCase()]?.responses?.[String(response.status)];
    const schema = declared?.content?.['application/json']?.schema;
    assert.ok(schema, `${method} ${template} declares no JSON schema for ${response.status}`);
    const json: unknown = JSON.parse(text);
    const validate = schemas.validator(schema);
    assert.ok(validate(json), `${method} ${path} does not match its declared schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
    return json;
  }

  test('a dossier list and a dossier’s detail, history, control sheet and documents match their DTOs', async () => {
    const page = (await answersAsDeclared('GET', '/api/dossiers', '/api/dossiers?limit=20', 'supervisor')) as { items: { id: string; status: string }[] };
    assert.ok(page.items.length > 0, 'the demo dossiers are listed');
    const received = page.items.find((d) => d.status !== 'new') ?? page.items[0];
    const detail = (await answersAsDeclared('GET', '/api/dossiers/{id}', `/api/dossiers/${received.id}`, 'supervisor')) as Record<string, unknown>;
    // Internal columns stay out of the contract (the schema forbids undeclared fields as well).
    for (const column of ['idempotencyKey', 'startClaimedUntil', 'startNextAttemptAt', 'submittedBy', 'requestedFees']) assert.equal(column in detail, false, column);
    await answersAsDeclared('GET', '/api/dossiers/{id}/history', `/api/dossiers/${received.id}/history`, 'supervisor');
    await answersAsDeclared('GET', '/api/dossiers/{id}/control-sheet', `/api/dossiers/${received.id}/control-sheet`, 'supervisor');
    await answersAsDeclared('GET', '/api/dossiers/{id}/documents', `/api/dossiers/${received.id}/documents`, 'supervisor');
    await answersAsDeclared('GET', '/api/dossiers', '/api/dossiers', 'citizen1');
  });

  test('a worklist and one of its tasks match their DTOs', async () => {
    // The demo officers' steps are created in the background after start: wait for the first one.
    const page = await waitFor('a step in the reception worklist', async () => {
      const answer = (await answersAsDeclared('GET', '/api/tasks', '/api/tasks?limit=50', 'reception.hongha')) as { items: { userTaskKey: string }[] };
      return answer.items.length > 0 ? answer : undefined;
    });
    await answersAsDeclared('GET', '/api/tasks/{key}', `/api/tasks/${page.items[0].userTaskKey}`, 'reception.hongha');
  });

  test('procedure lists, a published procedure with its application form and its versions match their DTOs', async () => {
    const procedures = (await answersAsDeclared('GET', '/api/procedures', '/api/procedures', 'analyst.hongha')) as { slug: string }[];
    assert.ok(procedures.length > 0);
    const catalogue = (await answersAsDeclared('GET', '/api/public/procedures', '/api/public/procedures')) as { slug: string }[];
    const slug = catalogue[0].slug;
    await answersAsDeclared('GET', '/api/public/procedures/{slugOrCode}', `/api/public/procedures/${slug}`);
    await answersAsDeclared('GET', '/api/public/procedures/{slugOrCode}/application-form', `/api/public/procedures/${slug}/application-form`);
    const mine = procedures.find((p) => catalogue.some((c) => c.slug === p.slug)) ?? procedures[0];
    await answersAsDeclared('GET', '/api/procedures/{slug}/versions', `/api/procedures/${mine.slug}/versions`, 'analyst.hongha');
  });

  test('the caller, statistics, indicators and the Camunda v2 topology and search match their DTOs', async () => {
    await answersAsDeclared('GET', '/api/me', '/api/me', 'reception.hongha');
    await answersAsDeclared('GET', '/api/statistics/dossiers', '/api/statistics/dossiers?groupBy=procedure', 'supervisor');
    await answersAsDeclared('GET', '/api/statistics/indicators', '/api/statistics/indicators', 'supervisor');
    await answersAsDeclared('GET', '/api/files/limits', '/api/files/limits');
    await answersAsDeclared('GET', '/api/calendar/years/{year}', '/api/calendar/years/2026', 'admin');
    await answersAsDeclared('GET', '/v2/topology', '/v2/topology', 'admin');
    await answersAsDeclared('POST', '/v2/process-instances/search', '/v2/process-instances/search', 'admin', {});
    await answersAsDeclared('POST', '/v2/user-tasks/search', '/v2/user-tasks/search', 'admin', {});
  });
});
