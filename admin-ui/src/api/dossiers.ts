import { ApiError, api } from './client.js';
import { accessToken } from '../auth/oidc.js';
import type { PublishedEntry } from './procedures.js';

export type DossierStatus =
  | 'new'
  | 'received'
  | 'not_received'
  | 'processing'
  | 'supplement_requested'
  | 'waiting_for_fee'
  | 'withdrawn'
  | 'stopped'
  | 'done'
  | 'returned';

export type DeadlineState = 'on_time' | 'due_soon' | 'late';

export interface Applicant {
  fullName: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface Attachment {
  document: string;
  fileId: string;
}

/** A row of GET /api/dossiers. */
export interface DossierRow {
  id: string;
  code: string;
  procedureCode: string;
  procedureSlug: string | null;
  procedureVersion: number | null;
  procedureName: string | null;
  agencyCode: string;
  applicantUserId: string | null;
  applicantName: string;
  applicantIdNumber: string | null;
  status: DossierStatus;
  channel: 'online' | 'counter' | 'post';
  createdAt: string;
  updatedAt: string;
  receivedAt: string | null;
  dueDate: string | null;
  /** The new appointment of the dossier's apology letter; dueDate stays the original one. */
  rescheduledDueDate?: string | null;
  warningDate: string | null;
  pausedAt: string | null;
  finishedAt: string | null;
  /** Whether the dossier's process has started: failed means every attempt was refused. */
  startState: 'none' | 'pending' | 'started' | 'failed';
  startAttempts: number;
  startLastError: string | null;
}

export interface Pause {
  id: string;
  reason: string;
  missingItems: string[];
  startedAt: string;
  endedAt: string | null;
  workingMinutes: number | null;
}

export interface Appointment {
  id: string;
  previousDueDate: string | null;
  newDueDate: string;
  reason: string;
  responsibleUnit: string;
  issuedByName: string | null;
  at: string;
}

export interface FeePayment {
  id: string;
  feeCode: string | null;
  amount: number;
  method: string;
  receiptNumber: string | null;
  receivedByName: string | null;
  paidAt: string;
}

/** GET /api/dossiers/:id */
export interface DossierDetail extends DossierRow {
  applicant: Applicant | null;
  application: Record<string, unknown>;
  attachments: Attachment[];
  hasFee: boolean;
  processInstanceKey: string | null;
  statusLabel: string;
  clockStopped: boolean;
  elapsedWorkingMinutes: number;
  pauses: Pause[];
  appointments: Appointment[];
  feePayments: FeePayment[];
}

export interface HistoryEntry {
  id: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  fromLabel: string | null;
  toLabel: string;
  actorName: string | null;
  elementName: string | null;
  note: string | null;
  at: string;
}

export interface ControlEntry {
  id: string;
  elementId: string;
  elementName: string | null;
  receiverGroup: string | null;
  unitAgencyCode: string;
  giverName: string | null;
  handedOverAt: string;
  dueAt: string | null;
  receiverName: string | null;
  completedAt: string | null;
  outcome: string | null;
  onTime: boolean | null;
  lateMinutes: number | null;
}

export interface ControlSheet {
  dossierId: string;
  code: string;
  entries: ControlEntry[];
}

export interface IssuedDocument {
  id: string;
  kind: string;
  fileId: string;
  /** Id of the public verification record (/verify/:id), once the registry issues one. */
  issuedDocumentId?: string | null;
  template: string;
  signerRoles: string[];
  signatures: { role: string; agencyCode: string; signerName: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface WorkItem {
  userTaskKey: string;
  name?: string;
  elementId: string;
  candidateGroups: string[];
  assignee?: string;
  handedOverAt: string;
  stepDuration?: string;
  dueAt?: string;
  deadlineState?: DeadlineState;
  dossier: { id: string; code: string; procedureName: string | null; applicantName: string; status: DossierStatus; statusLabel: string; dueDate: string | null };
}

export interface FormSchema {
  id: string;
  components?: unknown[];
  [key: string]: unknown;
}

/** GET /api/public/procedures/:slugOrCode/application-form */
export interface PublishedApplicationForm {
  slug: string;
  code: string;
  version: number;
  formId: string;
  form: FormSchema;
}

export interface TaskDetail extends WorkItem {
  form?: FormSchema;
  variables: Record<string, unknown>;
}

export type TaskAction = 'receive' | 'supplement' | 'refuse' | 'appraise' | 'approve' | 'return' | 'sign' | 'return-result';

export interface UploadedFile {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/** The diagram of the dossier's procedure version and where its tokens are. */
export interface DossierDiagram {
  xml: string;
  activeElementIds: string[];
  completedElementIds: string[];
}

export interface Consultation {
  id: string;
  dossierId: string;
  dossierCode: string;
  procedureName: string | null;
  applicantName: string;
  requestingAgency: string;
  consultedAgency: string;
  question: string;
  requestedAt: string;
  dueAt: string;
  status: 'open' | 'answered';
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  escalatedAt: string | null;
  /** Open past its due time. */
  late: boolean;
}

export interface PublicLookup {
  code: string;
  procedureName: string | null;
  status: DossierStatus;
  statusLabel: string;
  receivedAt: string | null;
  dueDate: string | null;
  finishedAt: string | null;
}

export interface Rating {
  score: number;
  comment?: string;
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
  find: (query: DossierQuery, limit = 50, after?: string) => api<{ items: DossierRow[]; next?: string }>(`/api/dossiers?${dossierQuery(query, limit, after)}`),
  detail: (id: string) => api<DossierDetail>(dossier(id)),
  history: (id: string) => api<HistoryEntry[]>(`${dossier(id)}/history`),
  controlSheet: (id: string) => api<ControlSheet>(`${dossier(id)}/control-sheet`),
  documents: (id: string) => api<IssuedDocument[]>(`${dossier(id)}/documents`),
  documentPath: (id: string, kind: string) => `${dossier(id)}/documents/${encodeURIComponent(kind)}`,
  diagram: (id: string) => api<DossierDiagram>(`${dossier(id)}/diagram`),
  submit: (body: { procedure: string; application: Record<string, unknown>; attachments: Attachment[]; contact?: Partial<Applicant> }, key: string) =>
    api<DossierRow>('/api/dossiers', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
  submitAtCounter: (
    body: { procedure: string; application: Record<string, unknown>; attachments: Attachment[]; applicant: Applicant; channel?: 'counter' | 'post' },
    key: string,
  ) => api<DossierRow>('/api/dossiers/counter', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
  supplement: (id: string, body: { note?: string; attachments: Attachment[] }) => api<DossierRow>(`${dossier(id)}/supplement`, { method: 'POST', json: body }),
  withdraw: (id: string, reason: string) => api<DossierRow>(`${dossier(id)}/withdraw`, { method: 'POST', json: { reason } }),
  payCash: (id: string, body: { amount: number; feeCode?: string; receiptNumber?: string }) => api<FeePayment>(`${dossier(id)}/fee-payments`, { method: 'POST', json: body }),
  apologise: (id: string, body: { newDueDate: string; reason: string; responsibleUnit: string }) =>
    api<IssuedDocument>(`${dossier(id)}/apology`, { method: 'POST', json: body }),
  rate: (id: string, rating: Rating) => api<Rating>(`${dossier(id)}/rating`, { method: 'POST', json: rating }),
  /** The dossier's rating, or undefined when it has none. */
  rating: (id: string) =>
    api<Rating>(`${dossier(id)}/rating`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }),
  lookup: (code: string, idNumber: string) =>
    api<PublicLookup>(`/api/public/dossiers/lookup?code=${encodeURIComponent(code)}&idNumber=${encodeURIComponent(idNumber)}`),
};

export const tasksApi = {
  page: (limit = 200, after?: string) =>
    api<{ items: WorkItem[]; next?: string }>(`/api/tasks?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`),
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
  complete: (key: string, variables: Record<string, unknown>) => api<DossierRow>(`${task(key)}/complete`, { method: 'POST', json: { variables } }),
  act: (key: string, action: TaskAction, body: { variables?: Record<string, unknown>; reasons?: string; missingItems?: string[]; result?: string }) =>
    api<DossierRow>(`${task(key)}/actions/${action}`, { method: 'POST', json: body }),
};

export const consultationsApi = {
  inbox: () => optional(api<Consultation[]>('/api/consultations?status=all')),
  answer: (id: string, opinion: string) => api<Consultation>(`/api/consultations/${encodeURIComponent(id)}/answer`, { method: 'POST', json: { opinion } }),
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
        const message = body && typeof body === 'object' && 'message' in body ? String((body as { message: unknown }).message) : `HTTP ${request.status}`;
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
