import { accessToken } from '../auth/oidc.js';

/** An API answer other than 2xx, with the server's message (and lint report, when it sends one). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body).message;
    const problems = (body as { problems?: unknown }).problems;
    const text = Array.isArray(message) ? message.join('; ') : String(message);
    return Array.isArray(problems) && problems.length > 0 ? `${text}: ${problems.join('; ')}` : text;
  }
  return `HTTP ${status}`;
}

/** Calls the platform's API with the user's bearer token; JSON in and out unless the body is FormData. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const response = await send(path, init, 'application/json');
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, messageOf(parsed, response.status), parsed);
  return parsed as T;
}

/** The same call for an answer that is text (an HTML preview); errors are still JSON. */
export async function apiText(path: string, init: RequestInit & { json?: unknown } = {}): Promise<string> {
  const response = await send(path, init, 'text/html, application/json');
  const text = await response.text();
  if (!response.ok) {
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    throw new ApiError(response.status, messageOf(parsed, response.status), parsed);
  }
  return text;
}

async function send(path: string, init: RequestInit & { json?: unknown }, accept: string): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = await accessToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  headers.set('accept', accept);
  return fetch(path, { ...init, headers, body });
}

/** Downloads a file answer (zip export) with the bearer token and hands it to the browser. */
export async function download(path: string, fileName: string): Promise<void> {
  const token = await accessToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`, undefined);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}
