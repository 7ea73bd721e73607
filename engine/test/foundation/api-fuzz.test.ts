import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import * as oidc from 'openid-client';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { backendName } from '../support/database.js';
import { describeRequest, hostileRequest, requestInit } from './fuzz/hostile-requests.js';
import { routesOf, type ApiRoute } from './fuzz/openapi-routes.js';

/**
 * Property-based fuzzing of every operation of the OpenAPI document the platform serves, as each
 * kind of caller (issue "Hardening": "every input the API can receive answers 4xx or 2xx"; finding
 * 10 listed 24 inputs answering 500). Requests carry NUL bytes, unpaired surrogates, deeply nested
 * JSON, year 0000 dates and numbers beyond int8 and double range in paths, queries and bodies. The
 * property: no answer is 5xx, no request breaks the connection, and the platform is healthy after.
 *
 * Reproduce a failure with the seed printed below: FUZZ_SEED=<seed> node --test dist/test/foundation/api-fuzz.test.js
 * (each operation runs with seed + its index in the document; fast-check's report gives the path).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
/** Requests per operation: about 94 operations × 12 stay within two minutes on PGlite with a loaded machine. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);
/** Only the operations whose `METHOD /path` matches, to reproduce one failure quickly. */
const ONLY = new RegExp(process.env.FUZZ_ONLY ?? '');
/** A single answer taking longer than this counts as a stalled platform. */
const ANSWER_WITHIN_MS = 15_000;
/** Job activation holds a request open by design (long polling, up to 60 s): the client hangs up instead, as SDK workers do on shutdown. */
const LONG_POLL = { method: 'POST', path: '/v2/jobs/activation', hangUpAfterMs: 2_000 };

const IDENTITIES = ['anonymous', 'citizen1', 'reception.hongha', 'analyst.hongha', 'admin'] as const;
/** Access tokens of the built-in provider expire after minutes; a longer run signs in again. */
const SIGN_IN_AGAIN_AFTER_MS = 120_000;
/** Keys whose values in the platform's own answers make useful path and query values (real ids reach deeper code). */
const KNOWN_VALUE_KEYS = new Set(['id', 'key', 'code', 'slug', 'dossierId', 'processInstanceKey', 'userTaskKey', 'jobKey', 'feeCode', 'kind', 'version']);

console.log(`API fuzz on ${backendName}: seed ${SEED}, ${RUNS_PER_ROUTE} requests per operation`);

describe(`API fuzz: every operation answers 2xx or 4xx to hostile input (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let routes: ApiRoute[] = [];
  const known: string[] = [];
  const tokens: Record<string, string | undefined> = { anonymous: undefined };
  let client: oidc.Configuration;
  let signedInAt = 0;

  async function signIn() {
    if (Date.now() - signedInAt < SIGN_IN_AGAIN_AFTER_MS) return;
    for (const username of IDENTITIES.slice(1)) tokens[username] = await passwordLogin(client, username);
    signedInAt = Date.now();
  }

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site);
    client = await webClient(platform.issuer);
    await signIn();
    routes = routesOf((await (await api(site.baseUrl, '/api/docs-json')).json()) as Parameters<typeof routesOf>[0]);
    for (const [path, username] of [['/api/dossiers', 'admin'], ['/api/dossiers', 'citizen1'], ['/api/tasks', 'reception.hongha'], ['/api/procedures', 'analyst.hongha'], ['/api/public/procedures', undefined]] as const) {
      const response = await api(site.baseUrl, path, username ? tokens[username] : undefined);
      if (response.ok) collectKnownValues(await response.json(), known);
    }
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  test('the OpenAPI document lists the operations to fuzz', () => {
    assert.ok(routes.length >= 90, `${routes.length} operations`);
    assert.ok(known.length > 0, 'values of the platform’s own records to reuse');
  });

  // One test per operation, so a report names the operation; the list is known only after start.
  test('every operation', async (t) => {
    for (const [index, route] of routes.entries()) {
      if (!ONLY.test(`${route.method} ${route.path}`)) continue;
      await t.test(`${route.method} ${route.path}`, async (routeTest) => {
        await signIn();
        const answers = new Map<number, number>();
        const property = fc.asyncProperty(fc.constantFrom(...IDENTITIES), hostileRequest(route, [...new Set(known)]), async (identity, request) => {
          const described = `${identity}: ${describeRequest(request)}`;
          const init = requestInit(request);
          const longPoll = route.method === LONG_POLL.method && route.path === LONG_POLL.path;
          init.signal = AbortSignal.timeout(longPoll ? LONG_POLL.hangUpAfterMs : ANSWER_WITHIN_MS);
          let response: Response;
          try {
            response = await api(site.baseUrl, request.target, tokens[identity], init);
          } catch (error) {
            if (longPoll && (error as Error).name === 'TimeoutError') return;
            throw new Error(`no answer (${(error as Error).message}) to ${described}`, { cause: error });
          }
          const text = await response.text();
          answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
          assert.ok(response.status < 500, `${response.status} ${text.slice(0, 300)} for ${described}`);
        });
        await fc.assert(property, { seed: SEED + index, numRuns: RUNS_PER_ROUTE, includeErrorInReport: true });
        // Which answers the inputs reached: only 401s or 400s would mean the fuzzing stopped at the door.
        routeTest.diagnostic(`answers: ${[...answers].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}`);
      });
    }
  });

  test('the platform is healthy afterwards', async () => {
    signedInAt = 0;
    await signIn();
    assert.equal((await api(site.baseUrl, '/health/ready')).status, 200);
    assert.equal((await api(site.baseUrl, '/api/dossiers', tokens['citizen1'])).status, 200);
  });
});

function collectKnownValues(value: unknown, into: string[]): void {
  const stack = [value];
  while (stack.length > 0 && into.length < 200) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (KNOWN_VALUE_KEYS.has(key) && (typeof child === 'string' || typeof child === 'number') && String(child).length < 100) into.push(String(child));
        else stack.push(child);
      }
    }
  }
}
