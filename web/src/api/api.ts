/**
 * A small fetch wrapper for the Liuliang API: JSON in and out, the session cookie, the CSRF
 * header on every non-GET request, and RFC 9457 ProblemDetail errors thrown as {@link ApiError}.
 */

export const API_BASE = '/api/v1';
export const PROBLEM_BASE = 'https://liuliang.dev/problems/';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

export type ProblemSlug =
  | 'validation'
  | 'malformed-request'
  | 'not-found'
  | 'forbidden'
  | 'unauthenticated'
  | 'bad-credentials'
  | 'account-locked'
  | 'account-disabled'
  | 'password-change-required'
  | 'conflict'
  | 'internal';

export interface FieldError {
  field: string;
  /** In English, for API users. */
  message: string;
  /** A stable code the console words in the user's language (`journey.minutesRequired`), when the server gives one. */
  code?: string;
  /** The values of that wording (`{ max: '1000' }`). */
  params?: Record<string, string>;
}

export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail?: string | null;
  instance?: string | null;
  errors?: FieldError[] | null;
  lockedUntil?: string | null;
}

/** The last path segment of a problem type, e.g. `validation` for `https://liuliang.dev/problems/validation`. */
export function problemSlug(type: string | null | undefined): string | undefined {
  if (!type || type === 'about:blank') return undefined;
  const trimmed = type.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i >= 0 ? trimmed.slice(i + 1) : trimmed;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetail;
  /** Set when a global handler (redirect to login or to change-password) has already dealt with it. */
  handled = false;

  constructor(problem: ProblemDetail) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get slug(): string | undefined {
    return problemSlug(this.problem.type);
  }

  is(slug: ProblemSlug): boolean {
    return this.slug === slug;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** True when the request never got an HTTP answer (network down, server stopped). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asFieldErrors(v: unknown): FieldError[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: FieldError[] = [];
  for (const e of v) {
    if (isRecord(e) && typeof e.field === 'string') {
      const error: FieldError = { field: e.field, message: typeof e.message === 'string' ? e.message : '' };
      if (typeof e.code === 'string' && e.code) error.code = e.code;
      if (isRecord(e.params)) {
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(e.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
        error.params = params;
      }
      out.push(error);
    }
  }
  return out;
}

/** Turns any JSON body (or none) of a failed response into a ProblemDetail. */
export function toProblem(status: number, statusText: string, body: unknown): ProblemDetail {
  const b = isRecord(body) ? body : {};
  const str = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  return {
    type: str('type') ?? 'about:blank',
    title: str('title') ?? (statusText || `HTTP ${status}`),
    status: typeof b.status === 'number' ? b.status : status,
    detail: str('detail') ?? null,
    instance: str('instance') ?? null,
    errors: asFieldErrors(b.errors) ?? null,
    lockedUntil: str('lockedUntil') ?? null,
  };
}

/** The ProblemDetail of a failed response's body text (empty or not JSON: built from the status). */
export function problemFromText(status: number, statusText: string, text: string | null | undefined): ProblemDetail {
  let body: unknown = undefined;
  try {
    if (text) body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return toProblem(status, statusText, body);
}

/** Reads a failed response and returns its ProblemDetail (tolerates empty or non-JSON bodies). */
export async function parseProblem(res: Response): Promise<ProblemDetail> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    text = '';
  }
  return problemFromText(res.status, res.statusText, text);
}

export interface FormFieldError {
  name: string;
  errors: string[];
}

/**
 * Groups the ProblemDetail field errors by form field. `roles[0]` maps to `roles`. When `known` is
 * given, errors of other fields are returned in `unmapped` instead.
 */
export function mapFieldErrors(
  errors: FieldError[] | null | undefined,
  known?: readonly string[],
): { fields: FormFieldError[]; unmapped: FieldError[] } {
  const byField = new Map<string, string[]>();
  const unmapped: FieldError[] = [];
  for (const e of errors ?? []) {
    const name = e.field.replace(/\[\d*\]$/, '');
    if (known && !known.includes(name)) {
      unmapped.push(e);
      continue;
    }
    const list = byField.get(name) ?? [];
    if (e.message && !list.includes(e.message)) list.push(e.message);
    byField.set(name, list);
  }
  return { fields: [...byField.entries()].map(([name, errs]) => ({ name, errors: errs })), unmapped };
}

export function readCookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export interface ApiHandlers {
  /** A 401 from a non-auth endpoint: the session has ended. */
  onUnauthenticated?: () => void;
  /** A 403 `password-change-required`. */
  onPasswordChangeRequired?: () => void;
}

let handlers: ApiHandlers = {};

export function configureApi(h: ApiHandlers): void {
  handlers = h;
}

function isAuthPath(path: string): boolean {
  return path.startsWith('/auth/');
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
}

let csrfPriming: Promise<unknown> | null = null;

/** Spring sets the XSRF-TOKEN cookie lazily; a GET makes it appear before the first write. */
async function ensureCsrfCookie(): Promise<string | undefined> {
  let token = readCookie(CSRF_COOKIE);
  if (token) return token;
  csrfPriming ??= fetch(`${API_BASE}/auth/me`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .catch(() => undefined)
    .finally(() => {
      csrfPriming = null;
    });
  await csrfPriming;
  token = readCookie(CSRF_COOKIE);
  return token;
}

/** The error of a failed call, after the global handlers (session ended, password change) had their say. */
function failure(path: string, problem: ProblemDetail): ApiError {
  const err = new ApiError(problem);
  if (err.status === 401 && !isAuthPath(path) && handlers.onUnauthenticated) {
    err.handled = true;
    handlers.onUnauthenticated();
  } else if (err.status === 403 && err.is('password-change-required') && handlers.onPasswordChangeRequired) {
    err.handled = true;
    handlers.onPasswordChangeRequired();
  }
  return err;
}

async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    // Read at request time: the server rotates the token (e.g. on login).
    const token = await ensureCsrfCookie();
    if (token) headers[CSRF_HEADER] = token;
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: null });
  }
  if (!res.ok) throw failure(path, await parseProblem(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  delete: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** The URL of a job's downloadable result (for an `<a href>`). */
export function jobResultUrl(jobId: string): string {
  return `${API_BASE}/jobs/${encodeURIComponent(jobId)}/result`;
}

export interface UploadOptions {
  query?: Query;
  signal?: AbortSignal;
  /** Bytes sent so far and the request's size, as the browser reports them. */
  onProgress?: (loaded: number, total: number) => void;
}

/**
 * POSTs a multipart form with upload progress (fetch has no upload progress events, so this uses
 * XMLHttpRequest), with the session cookie and the CSRF header like every other write. Errors are
 * {@link ApiError}s as from {@link api}; an abort through `signal` rejects with an `AbortError`.
 */
export async function uploadForm<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  const token = await ensureCsrfCookie();
  if (opts.signal?.aborted) throw new DOMException('The upload was aborted.', 'AbortError');
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, opts.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    const onAbort = () => xhr.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => opts.signal?.removeEventListener('abort', onAbort);
    if (opts.onProgress) {
      const report = opts.onProgress;
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : 0);
    }
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(new ApiError({ type: 'about:blank', title: 'Malformed response', status: xhr.status, detail: null }));
        }
        return;
      }
      reject(failure(path, problemFromText(xhr.status, xhr.statusText, xhr.responseText)));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: null }));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was aborted.', 'AbortError'));
    };
    xhr.send(form);
  });
}

/** The URL of a GET endpoint for an `<a href download>` (CSV downloads and the like). */
export function downloadUrl(path: string): string {
  return buildUrl(path);
}
