import i18n, { currentLanguage } from '../i18n';

/** One validation problem as the server reports it under error.details. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Any failed API call: the server's error code and message, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field-level problems of a VALIDATION_FAILED error; empty otherwise. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
    );
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

// The session cookie (HttpOnly) is the main credential; the bearer token from sign-in is kept for
// this tab as well, so a browser that drops the cookie still stays signed in.
const TOKEN_KEY = 'gongzhi.token';
let token: string | null = readToken();

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(value: string | null): void {
  token = value;
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage unavailable: the token lives in memory only.
  }
}

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server says the session is gone (401), so the app can go to sign-in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls where a 401 is an answer, not a lost session (sign-in, the first /me). */
  signOutOn401?: boolean;
  /** Sent as Idempotency-Key, so a retried submission is applied once. */
  idempotencyKey?: string;
}

/** A fresh idempotency key; crypto.randomUUID needs a secure context, so fall back to random bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' && error.message ? error.message : i18n.t('errors.server');
    return new ApiError(status, error.code, message, error.details);
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', i18n.t('errors.serverStatus', { status }));
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'));
  }

  const body = await readBody(response);
  if (response.ok) return body as T;

  const error = toApiError(response.status, body);
  // A wrong current password may also come back as 401; that is an answer, not a lost session.
  if (response.status === 401 && error.code !== 'INVALID_CREDENTIALS' && options.signOutOn401 !== false) {
    setToken(null);
    for (const listener of unauthenticatedListeners) listener();
  }
  throw error;
}
