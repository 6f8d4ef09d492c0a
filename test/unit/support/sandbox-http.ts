// Plain-fetch helpers for the sandbox's own tests (they must not depend on the ISC client).
import type { SandboxHandle } from '../../../src/sandbox';

export interface CallOptions {
  method?: string;
  /** Sent as JSON with Content-Type application/json unless `contentType` says otherwise. */
  json?: unknown;
  /** Sent as is. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function fetchToken(sandbox: SandboxHandle): Promise<string> {
  const response = await fetch(`${sandbox.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** `path` includes the version, e.g. `/v3/accounts`. A null token sends no Authorization. */
export async function call<T = unknown>(sandbox: SandboxHandle, token: string | null, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = options.contentType ?? 'application/json';
  } else if (options.rawBody !== undefined) {
    body = options.rawBody;
    if (options.contentType) headers['Content-Type'] = options.contentType;
  }
  const response = await fetch(`${sandbox.baseUrl}${path}`, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // keep the text: a test will say what was wrong with it
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** `filters=` etc. as a query string. */
export function query(params: Record<string, string | number | boolean>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export interface ErrorBody {
  detailCode: string;
  trackingId: string;
  messages: Array<{ locale: string; localeOrigin: string; text: string }>;
}

export function errorText(result: CallResult): string {
  const body = result.body as Partial<ErrorBody> | undefined;
  return body?.messages?.map((m) => m.text).join(' ') ?? result.text;
}
