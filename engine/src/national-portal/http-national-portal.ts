import { PortalCallFailed, PortalService, type DossierSyncRecord, type NationalPortal, type PortalAnswer, type ProgressRecord } from './national-portal.port.js';

export interface PortalEndpoint {
  authUrl: string;
  serviceUrl: string;
  username: string;
  password: string;
  /** MaDinhDanhDV of the province (`madonvi`). */
  agencyId: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The portal over HTTP: a session is obtained with the province's account and sent with every
 * call, beside `madonvi`; a call is accepted when the portal answers error_code 0. A refused
 * session is dropped and obtained again on the next call.
 */
export class HttpNationalPortal implements NationalPortal {
  private session?: Promise<string>;

  constructor(private readonly endpoint: PortalEndpoint) {}

  syncDossier(record: DossierSyncRecord, updating: boolean): Promise<PortalAnswer> {
    return this.call({ service: PortalService.SyncDossier, isUpdating: updating ? 'True' : 'False', data: [record] });
  }

  updateProgress(step: ProgressRecord): Promise<PortalAnswer> {
    return this.call({ service: PortalService.UpdateProgress, data: [step] });
  }

  private async call(body: Record<string, unknown>): Promise<PortalAnswer> {
    this.session ??= this.signIn();
    let session: string;
    try {
      session = await this.session;
    } catch (error) {
      this.session = undefined;
      throw error;
    }
    const answer = await post(this.endpoint.serviceUrl, { session, madonvi: this.endpoint.agencyId, ...body });
    if (!accepted(answer)) {
      // An expired session looks like any refusal: the next attempt signs in again.
      this.session = undefined;
      throw new PortalCallFailed(`${String(body.service)} refused: ${JSON.stringify(answer).slice(0, 500)}`);
    }
    return answer;
  }

  private async signIn(): Promise<string> {
    const answer = await post(this.endpoint.authUrl, { username: this.endpoint.username, password: this.endpoint.password });
    if (!accepted(answer) || typeof answer.session !== 'string' || !answer.session) throw new PortalCallFailed(`Sign-in refused: ${JSON.stringify(answer).slice(0, 500)}`);
    return answer.session;
  }
}

/** error_code 0, sent as a number or as "0"/"00". */
function accepted(answer: PortalAnswer): boolean {
  return answer.error_code !== undefined && answer.error_code !== null && Number(answer.error_code) === 0;
}

async function post(url: string, body: Record<string, unknown>): Promise<PortalAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new PortalCallFailed(`HTTP ${response.status}: ${text.slice(0, 500)}`);
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as PortalAnswer;
  } catch {
    // fall through: not the portal's JSON
  }
  throw new PortalCallFailed(`Not a JSON object: ${text.slice(0, 500)}`);
}
