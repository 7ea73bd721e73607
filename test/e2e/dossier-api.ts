import assert from 'node:assert/strict';
import type { components } from '../../admin-ui/src/api/schema.js';
import { samplePdf, token } from './dossier-steps.js';

/** The platform's response DTOs, generated from engine/openapi.json (`npm run openapi -w engine`). */
export type Schemas = components['schemas'];

/** A dossier's detail as GET /api/dossiers/:id answers it (the generated DTO). */
export type DossierSummary = Schemas['DossierDetailDto'];

/**
 * The platform's REST API as the demo users, for what a browser test needs done but does not test:
 * submitting a dossier, taking it through steps other pages already cover.
 */
export class DossierApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async call<T>(username: string, path: string, body?: unknown, status = body === undefined ? 200 : 201): Promise<T> {
    const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await this.bearer(username)}` } });
    const text = await response.text();
    assert.equal(response.status, status, `${path} as ${username}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Submits online with a small PDF for every mandatory document of the procedure, to `agency` or,
   * for a procedure several agencies offer, to the one whose bundle it is (the home commune).
   */
  async submit(username: string, procedure: string, application: Record<string, unknown>, agency?: string): Promise<Schemas['DossierDto']> {
    const catalogue = await this.call<Schemas['PublishedProcedureDto']>(username, `/api/public/procedures/${procedure}`);
    const attachments = [];
    for (const document of catalogue.requiredDocuments.filter((d) => d.mandatory)) {
      const form = new FormData();
      form.append('file', new Blob([samplePdf(document.name.slice(0, 30))]), 'giay-to.pdf');
      const upload = await fetch(`${this.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${await this.bearer(username)}` }, body: form });
      assert.equal(upload.status, 201);
      attachments.push({ document: document.name, fileId: ((await upload.json()) as Schemas['UploadedFileDto']).id });
    }
    return this.call<Schemas['DossierDto']>(username, '/api/dossiers', { procedure, agency: agency ?? catalogue.agency.code, application, attachments });
  }

  dossier(username: string, id: string): Promise<DossierSummary> {
    return this.call<DossierSummary>(username, `/api/dossiers/${id}`);
  }

  /** Completes the officer's step once the process has reached it (with the leader's signing PIN for an approval). */
  async completeStep(username: string, dossierId: string, elementId: string, variables: Record<string, unknown>, signingPin?: string): Promise<void> {
    const item = await waitFor(`${elementId} for ${username}`, async () =>
      (await this.call<Schemas['WorkPageDto']>(username, '/api/tasks?limit=200')).items.find((i) => i.dossier.id === dossierId && i.elementId === elementId),
    );
    await this.call(username, `/api/tasks/${item.userTaskKey}/complete`, { variables, ...(signingPin ? { signingPin } : {}) }, 200);
  }

  async answerConsultation(username: string, dossierId: string): Promise<void> {
    const request = await waitFor(`consultation for ${username}`, async () =>
      (await this.call<Schemas['ConsultationDto'][]>(username, '/api/consultations')).find((c) => c.dossierId === dossierId),
    );
    await this.call(username, `/api/consultations/${request.id}/answer`, { opinion: 'Thống nhất, không có ý kiến khác' }, 200);
  }

  async waitForStatus(username: string, id: string, status: string): Promise<DossierSummary> {
    return waitFor(`dossier ${id} ${status}`, async () => {
      const dossier = await this.dossier(username, id);
      return dossier.status === status ? dossier : undefined;
    });
  }

  private async bearer(username: string): Promise<string> {
    let bearer = this.tokens.get(username);
    if (!bearer) this.tokens.set(username, (bearer = await token(this.baseUrl, username)));
    return bearer;
  }
}

/** Polls until the probe returns a value: processes move on in the background (job workers). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
