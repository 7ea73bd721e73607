import { ApiError, api } from './client.js';
import { accessToken } from '../auth/oidc.js';
import type { Answer, Schemas } from './contract.js';
import type { PublishedEntry } from './procedures.js';

/** Response types are the platform's DTOs (schema.d.ts, generated from its OpenAPI document). */
export type DossierStatus = Schemas['DossierStatus'];
export type DeadlineState = NonNullable<Schemas['WorkItemDto']['deadlineState']>;
export type Applicant = Schemas['ApplicantDto'];
export type Attachment = Schemas['AttachmentDto'];
/** A row of GET /api/dossiers. */
export type DossierRow = Schemas['DossierDto'];
export type Pause = Schemas['PauseDto'];
export type Appointment = Schemas['AppointmentDto'];
export type FeePayment = Schemas['FeePaymentDto'];
export type DossierDetail = Schemas['DossierDetailDto'];
export type HistoryEntry = Schemas['HistoryEntryDto'];
export type ControlEntry = Schemas['ControlEntryDto'];
export type ControlSheet = Schemas['ControlSheetDto'];
export type IssuedDocument = Schemas['IssuedDocumentDto'];
export type UploadedFile = Schemas['UploadedFileDto'];
/** The diagram of the dossier's procedure version and where its tokens are. */
export type DossierDiagram = Schemas['DossierDiagramDto'];
export type Consultation = Schemas['ConsultationDto'];
export type PublicLookup = Schemas['PublicLookupDto'];
export type PublishedApplicationForm = Omit<Schemas['PublishedApplicationFormDto'], 'form'> & { form: FormSchema };
export type WorkItem = Schemas['WorkItemDto'];
export type TaskDetail = Omit<Schemas['TaskDetailDto'], 'form'> & { form?: FormSchema };
export type TaskAction = 'receive' | 'supplement' | 'refuse' | 'appraise' | 'approve' | 'return' | 'sign' | 'return-result';

/** A form-js schema: opaque to the API contract, read by the form renderer. */
export interface FormSchema {
  id: string;
  components?: unknown[];
  [key: string]: unknown;
}

/** What the applicant sends when rating; the answer is Schemas['RatingDto']. */
export interface Rating {
  score: number;
  comment?: string | null;
}

const dossier = (id: string) => `/api/dossiers/${encodeURIComponent(id)}`;
const task = (key: string) => `/api/tasks/${encodeURIComponent(key)}`;

/** A fresh key per submission attempt, so a retried request does not create a second dossier. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}

/** Answers undefined when the server has no such endpoint yet (404 on the route), so pages can degrade. */
async function optional<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && /^Cannot (GET|POST)/.test(error.message)) return undefined;
    throw error;
  }
}

/** Filters of GET /api/dossiers, each narrowing what the caller may see. */
export interface DossierQuery {
  status?: DossierStatus[];
  procedure?: string;
  /** Part of the code or of the applicant's name; accents optional. */
  q?: string;
  /** YYYY-MM-DD (office day) or an ISO instant. */
  receivedFrom?: string;
  receivedTo?: string;
  dueWithin?: 'due_soon' | 'late';
}

function dossierQuery(query: DossierQuery, limit: number, after?: string): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (query.status?.length) params.set('status', query.status.join(','));
  for (const key of ['procedure', 'q', 'receivedFrom', 'receivedTo', 'dueWithin'] as const) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  if (after) params.set('after', after);
  return params.toString();
}

export const dossiersApi = {
  /** One page of the dossiers matching the filters, newest first; `next` asks for the following page. */
  find: (query: DossierQuery, limit = 50, after?: string) => api<Answer<'/api/dossiers', 'get'>>(`/api/dossiers?${dossierQuery(query, limit, after)}`),
  detail: (id: string) => api<Answer<'/api/dossiers/{id}', 'get'>>(dossier(id)),
  history: (id: string) => api<Answer<'/api/dossiers/{id}/history', 'get'>>(`${dossier(id)}/history`),
  controlSheet: (id: string) => api<Answer<'/api/dossiers/{id}/control-sheet', 'get'>>(`${dossier(id)}/control-sheet`),
  documents: (id: string) => api<Answer<'/api/dossiers/{id}/documents', 'get'>>(`${dossier(id)}/documents`),
  documentPath: (id: string, kind: string) => `${dossier(id)}/documents/${encodeURIComponent(kind)}`,
  diagram: (id: string) => api<Answer<'/api/dossiers/{id}/diagram', 'get'>>(`${dossier(id)}/diagram`),
  submit: (body: { procedure: string; agency?: string; application: Record<string, unknown>; attachments: Attachment[]; contact?: Partial<Applicant> }, key: string) =>
    api<Answer<'/api/dossiers', 'post'>>('/api/dossiers', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
  submitAtCounter: (
    body: { procedure: string; agency?: string; application: Record<string, unknown>; attachments: Attachment[]; applicant: Applicant; channel?: 'counter' | 'post' },
    key: string,
  ) => api<Answer<'/api/dossiers/counter', 'post'>>('/api/dossiers/counter', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
  supplement: (id: string, body: { note?: string; attachments: Attachment[] }) => api<Answer<'/api/dossiers/{id}/supplement', 'post'>>(`${dossier(id)}/supplement`, { method: 'POST', json: body }),
  withdraw: (id: string, reason: string) => api<Answer<'/api/dossiers/{id}/withdraw', 'post'>>(`${dossier(id)}/withdraw`, { method: 'POST', json: { reason } }),
  payCash: (id: string, body: { amount: number; feeCode?: string; receiptNumber?: string }) => api<Answer<'/api/dossiers/{id}/fee-payments', 'post'>>(`${dossier(id)}/fee-payments`, { method: 'POST', json: body }),
  apologise: (id: string, body: { newDueDate: string; reason: string; responsibleUnit: string; signingPin: string }) =>
    api<Answer<'/api/dossiers/{id}/apology', 'post'>>(`${dossier(id)}/apology`, { method: 'POST', json: body }),
  rate: (id: string, rating: Rating) => api<Answer<'/api/dossiers/{id}/rating', 'post'>>(`${dossier(id)}/rating`, { method: 'POST', json: rating }),
  /** The dossier's rating, or undefined when it has none. */
  rating: (id: string) =>
    api<Answer<'/api/dossiers/{id}/rating', 'get'>>(`${dossier(id)}/rating`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }),
  lookup: (code: string, idNumber: string) =>
    api<Answer<'/api/public/dossiers/lookup', 'get'>>(`/api/public/dossiers/lookup?code=${encodeURIComponent(code)}&idNumber=${encodeURIComponent(idNumber)}`),
};

export const tasksApi = {
  page: (limit = 200, after?: string) =>
    api<Answer<'/api/tasks', 'get'>>(`/api/tasks?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`),
  /** The whole worklist, page after page: the screens sort and filter it by deadline, step and holder. */
  worklist: async () => {
    const items: WorkItem[] = [];
    let after: string | undefined;
    do {
      const page = await tasksApi.page(200, after);
      items.push(...page.items);
      after = page.next;
    } while (after);
    return items;
  },
  get: (key: string) => api<TaskDetail>(task(key)),
  claim: (key: string) => api<void>(`${task(key)}/claim`, { method: 'POST' }),
  unclaim: (key: string) => api<void>(`${task(key)}/unclaim`, { method: 'POST' }),
  complete: (key: string, variables: Record<string, unknown>, signingPin?: string) =>
    api<Answer<'/api/tasks/{key}/complete', 'post'>>(`${task(key)}/complete`, { method: 'POST', json: { variables, ...(signingPin ? { signingPin } : {}) } }),
  act: (key: string, action: TaskAction, body: { variables?: Record<string, unknown>; reasons?: string; missingItems?: string[]; result?: string }) =>
    api<Answer<'/api/tasks/{key}/actions/{action}', 'post'>>(`${task(key)}/actions/${action}`, { method: 'POST', json: body }),
};

export const consultationsApi = {
  inbox: () => optional(api<Answer<'/api/consultations', 'get'>>('/api/consultations?status=all')),
  answer: (id: string, opinion: string) => api<Answer<'/api/consultations/{id}/answer', 'post'>>(`/api/consultations/${encodeURIComponent(id)}/answer`, { method: 'POST', json: { opinion } }),
};

export const publicProceduresApi = {
  get: (slugOrCode: string) => api<PublishedEntry>(`/api/public/procedures/${encodeURIComponent(slugOrCode)}`),
  /** The application form (tờ khai) of the current published version. */
  applicationForm: (slugOrCode: string) => api<PublishedApplicationForm>(`/api/public/procedures/${encodeURIComponent(slugOrCode)}/application-form`),
};

/** Fetches a protected file (upload or issued PDF) as a blob, with the bearer token. */
export async function fetchBlob(path: string): Promise<Blob> {
  const token = await accessToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`, undefined);
  return response.blob();
}

/** Uploads one file to /api/files, reporting progress (0..1); XMLHttpRequest because fetch has no upload progress. */
export async function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedFile> {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/files');
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let body: unknown;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body as UploadedFile);
      } else {
        const message = body && typeof body === 'object' && 'message' in body ? String((body).message) : `HTTP ${request.status}`;
        reject(new ApiError(request.status, message, body));
      }
    };
    request.onerror = () => reject(new Error('Network error'));
    request.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort());
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
