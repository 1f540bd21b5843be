// The one way the console talks to the server: same-origin /api/v1 with the person's bearer token. Errors arrive
// as RFC 9457 problems and become ApiError, which the pages show with what to do next.

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  /** field errors of a 400, when the service names them */
  errors?: { field?: string; message?: string; pointer?: string; detail?: string }[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The endpoint itself is not on this server (no route): a feature not deployed yet, not a missing resource. */
  get endpointMissing(): boolean {
    return this.status === 404 && (this.problem.missingEndpoint === true);
  }
}

type TokenSource = () => string | null;
type Unauthorized = () => void;

let tokenSource: TokenSource = () => null;
let onUnauthorized: Unauthorized = () => {};

/** Wires the session in (main.tsx): where the token comes from, and what to do on a 401. */
export function configureClient(token: TokenSource, unauthorized: Unauthorized): void {
  tokenSource = token;
  onUnauthorized = unauthorized;
}

/** How long a GET may wait for the server's answer. */
export const READ_TIMEOUT_MS = 15_000;

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = tokenSource();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json, application/problem+json');
  // a read that has no answer within READ_TIMEOUT_MS fails (and its query retries) rather than leaving a page on its
  // loading indicator: a lost request must not freeze a console people keep open
  const read = (init.method ?? 'GET') === 'GET';
  const signal = init.signal ?? (read ? AbortSignal.timeout(READ_TIMEOUT_MS) : undefined);
  let response: Response;
  try {
    // live data: never from the browser's HTTP cache
    response = await fetch(`/api/v1${path}`, { cache: 'no-store', ...init, headers, signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'TimeoutError') {
      throw new ApiError({ status: 0, title: 'Timeout', detail: `The server did not answer within ${READ_TIMEOUT_MS / 1000} s.` });
    }
    throw new ApiError({ status: 0, title: 'Network error', detail: 'The server could not be reached.' });
  }
  if (response.status === 401) onUnauthorized();
  if (!response.ok) {
    let problem: Problem = { status: response.status, title: response.statusText };
    const text = await response.text();
    try {
      problem = { ...problem, ...(JSON.parse(text) as Problem), status: response.status };
    } catch {
      if (text) problem.detail = text.slice(0, 300);
    }
    // the gateway's answer for a path no service serves (a feature this server does not have yet)
    const detail = (problem.detail ?? '').toLowerCase();
    if (response.status === 404 && (detail.startsWith('no api at') || detail.includes('no static resource')
        || detail.includes('no endpoint') || detail.includes('no handler'))) {
      problem.missingEndpoint = true;
    }
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => api<T>(path);
export const post = <T>(path: string, body?: unknown) =>
  api<T>(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body: JSON.stringify(body) });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });

/** `?a=1&b=2` of the defined values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
