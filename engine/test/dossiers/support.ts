import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { CLOCK, type PlatformClock } from '../../src/clock/clock.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import type { ProcedureCase } from './fixtures.js';
import type { Schemas } from '../support/api-types.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

export type WorkItem = Schemas['WorkItemDto'];
/** The detail DTO; the tests read dossiers once started and received, when these are set. */
export type Dossier = Schemas['DossierDetailDto'] & { dueDate: string; warningDate: string; processInstanceKey: string };

/** The whole platform on a fresh site (PGlite unless TEST_DATABASE_URL), with demo accounts and the shipped procedures. */
export class DossierPlatform {
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly site: PlatformSite,
    public platform: RunningPlatform,
    private client: oidc.Configuration,
    private readonly startEnv: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<DossierPlatform> {
    const site = await createSite();
    const platform = await startPlatform(site, { DEADLINE_CHECK_SECONDS: '5', ...env });
    return new DossierPlatform(site, platform, await webClient(platform.issuer), env);
  }

  async close(): Promise<void> {
    await this.platform.close();
    await this.site.remove();
  }

  /** Stops the platform and starts it again on the same data and settings, `env` on top (tokens stay valid: same keys). */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.platform.close();
    this.platform = await startPlatform(this.site, { DEADLINE_CHECK_SECONDS: '5', ...this.startEnv, ...env });
    this.client = await webClient(this.platform.issuer);
  }

  get clock(): PlatformClock {
    return this.platform.app.get<PlatformClock>(CLOCK);
  }

  get engine(): WorkflowEngine {
    return this.platform.app.get<WorkflowEngine>(WORKFLOW_ENGINE);
  }

  /** A real access token of the built-in provider (password grant of the web client). */
  async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = await passwordLogin(this.client, username);
      this.tokens.set(username, token);
    }
    return token;
  }

  async request(username: string | undefined, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return api(this.site.baseUrl, path, username ? await this.token(username) : undefined, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
    });
  }

  /** Parsed JSON of a request that must answer `status`. */
  async call<T>(username: string, path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const response = await this.request(username, path, init);
    const text = await response.text();
    assert.equal(response.status, status, `${init.method ?? (init.json ? 'POST' : 'GET')} ${path} as ${username}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async upload(username: string, fileName: string, content = PDF): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([content]), fileName);
    return (await this.call<{ id: string }>(username, '/api/files', { method: 'POST', body: form }, 201)).id;
  }

  /**
   * Uploads one file for each mandatory document of the procedure and submits online, to `agency`
   * or, for a procedure several agencies offer, to the one whose bundle it is (the home commune).
   */
  async submit(username: string, procedure: string, application: Record<string, unknown>, options: { idempotencyKey?: string; agency?: string } = {}): Promise<Dossier> {
    const catalogue = await this.call<{ requiredDocuments: { name: string; mandatory: boolean }[]; agency: { code: string } }>(username, `/api/public/procedures/${procedure}`);
    const agency = options.agency ?? catalogue.agency.code;
    const documents = catalogue.requiredDocuments;
    const attachments = [];
    for (const document of documents.filter((d) => d.mandatory)) attachments.push({ document: document.name, fileId: await this.upload(username, `${document.name.slice(0, 20)}.pdf`) });
    const headers = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : undefined;
    return this.call<Dossier>(username, '/api/dossiers', { json: { procedure, agency, application, attachments }, ...(headers ? { headers } : {}) }, 201);
  }

  dossier(username: string, id: string): Promise<Dossier> {
    return this.call<Dossier>(username, `/api/dossiers/${id}`);
  }

  /** Waits until the officer's worklist holds the step `elementId` of the dossier. */
  async task(username: string, dossierId: string, elementId: string, timeoutMs = 120_000): Promise<WorkItem> {
    return waitFor(`${elementId} of dossier ${dossierId} in ${username}'s worklist`, async () => {
      const items = await this.worklist(username);
      return items.find((i) => i.dossier.id === dossierId && i.elementId === elementId);
    }, timeoutMs);
  }

  /** Every page of the officer's worklist. */
  async worklist(username: string): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    let after: string | undefined;
    do {
      const page = await this.call<{ items: WorkItem[]; next?: string }>(username, `/api/tasks?limit=200${after ? `&after=${after}` : ''}`);
      items.push(...page.items);
      after = page.next;
    } while (after);
    return items;
  }

  /** Waits for the step, then completes it with the form's values (and the leader's signing PIN for an approval). */
  async completeStep(username: string, dossierId: string, elementId: string, variables: Record<string, unknown>, signingPin?: string): Promise<Dossier> {
    const item = await this.task(username, dossierId, elementId);
    return this.call<Dossier>(username, `/api/tasks/${item.userTaskKey}/complete`, { json: { variables, ...(signingPin ? { signingPin } : {}) } });
  }

  /**
   * Pays at the counter the fee a procedure asks right after receipt (its case's `feeAtReceipt`), so
   * that the dossier goes on to appraisal; the dossier of a procedure without one goes on by itself.
   */
  async payFeeAtReceipt(c: ProcedureCase, dossierId: string): Promise<void> {
    if (!c.feeAtReceipt) return;
    const reception = `reception.${c.staff}`;
    await this.waitForStatus(reception, dossierId, 'waiting_for_fee');
    const { code, amount } = c.feeAtReceipt;
    await this.call(reception, `/api/dossiers/${dossierId}/fee-payments`, { json: { amount, feeCode: code, receiptNumber: `BL-${dossierId.slice(0, 8)}` } }, 201);
  }

  async waitForStatus(username: string, dossierId: string, status: string, timeoutMs = 120_000): Promise<Dossier> {
    return waitFor(`dossier ${dossierId} in status ${status}`, async () => {
      const dossier = await this.dossier(username, dossierId);
      return dossier.status === status ? dossier : undefined;
    }, timeoutMs);
  }

  /** The PDF of a document kind once it carries `signatures` signatures. */
  async signedDocument(username: string, dossierId: string, kind: string, signatures: number, timeoutMs = 120_000): Promise<Buffer> {
    await waitFor(`${kind} of dossier ${dossierId} with ${signatures} signature(s)`, async () => {
      const list = await this.call<{ kind: string; signatures: unknown[] }[]>(username, `/api/dossiers/${dossierId}/documents`);
      return list.find((d) => d.kind === kind && d.signatures.length >= signatures);
    }, timeoutMs);
    const response = await this.request(username, `/api/dossiers/${dossierId}/documents/${kind}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    return Buffer.from(await response.arrayBuffer());
  }

  /** Incidents of the dossier's instance: a worker failed where it should not have. */
  async assertNoIncident(processInstanceKey: string): Promise<void> {
    const incidents = await this.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
    assert.deepEqual(incidents.map((i) => `${i.elementId}: ${i.errorMessage}`), []);
  }
}

// The deadline only matters when a test fails: generous, for a CI machine that runs three lanes at once.
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export { createSite, startPlatform };
