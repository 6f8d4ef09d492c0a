// The one error type the client throws. `kind` is for code, `message` is one sentence a
// person can act on; the other fields carry what a log or a support ticket needs.
//
// The contract the rest of the product relies on:
// - `outcomeUnknown === true` iff the request was a change (any method but GET) that may have
//   reached ISC and no trustworthy answer proves what happened: a 5xx; a connection reset or
//   closed after the request may have been sent; a timeout; a cancel after sending began; a
//   2xx whose body could not be read or parsed (empty where the method needs a body, HTML,
//   cut off, not JSON, the wrong shape, over the size limit). The message of a 2xx that could
//   not be read says ISC accepted the request (status) but its answer could not be read, so
//   the change may have been applied. A GET never carries it; otherwise it is undefined.
// - The client never re-sends a change that may have reached ISC. Only a GET is retried after
//   a 5xx, a reset or a timeout; a change is retried only after a 429, once after a 401, or
//   after a failure before anything was sent (refused connection, DNS). See retry.ts.
// - kind 'tls': the certificate was not trusted, had expired or named another host, or the
//   TLS handshake failed. The message names the cause and what to do; never retried, never
//   outcomeUnknown (the handshake failed before the HTTP request was sent).
// - Every IscError about a request carries its `method` and `path`, so callers can name the account.
// - An answer longer than the client option `maxResponseBytes` (default 32 MiB) is not read:
//   kind 'invalid-response', naming the limit and the option; outcomeUnknown for a change.
import type { IscErrorKind } from './api';
import type { ErrorResponseDto, TaskStatus } from './models';

export interface IscErrorDetails {
  kind: IscErrorKind;
  message: string;
  status?: number;
  method?: string;
  /** Path only (`/v3/accounts/123`): never the host, the query or a secret. */
  path?: string;
  detailCode?: string;
  trackingId?: string;
  /** The server's own words: ErrorResponseDto texts, a 401's `error`, a 429's `message`. */
  serverMessage?: string;
  retryAfterSeconds?: number;
  /** A change request may or may not have been applied (the answer was lost). */
  outcomeUnknown?: boolean;
  /** The final status of a task that ended in ERROR, TERMINATED or TEMPERROR (waitForTask). */
  taskStatus?: TaskStatus;
  cause?: unknown;
}

export class IscError extends Error {
  readonly kind: IscErrorKind;
  readonly status?: number;
  readonly method?: string;
  readonly path?: string;
  readonly detailCode?: string;
  readonly trackingId?: string;
  readonly serverMessage?: string;
  readonly retryAfterSeconds?: number;
  readonly outcomeUnknown?: boolean;
  readonly taskStatus?: TaskStatus;

  constructor(details: IscErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'IscError';
    this.kind = details.kind;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.detailCode = details.detailCode;
    this.trackingId = details.trackingId;
    this.serverMessage = details.serverMessage;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.outcomeUnknown = details.outcomeUnknown;
    this.taskStatus = details.taskStatus;
  }

  details(): IscErrorDetails {
    return {
      kind: this.kind,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      detailCode: this.detailCode,
      trackingId: this.trackingId,
      serverMessage: this.serverMessage,
      retryAfterSeconds: this.retryAfterSeconds,
      outcomeUnknown: this.outcomeUnknown,
      taskStatus: this.taskStatus,
      cause: this.cause,
    };
  }

  /** A copy whose message and server message went through `scrub` (see redact.ts). */
  redacted(scrub: (text: string) => string): IscError {
    const copy = new IscError({
      ...this.details(),
      message: scrub(this.message),
      serverMessage: this.serverMessage === undefined ? undefined : scrub(this.serverMessage),
    });
    if (this.stack) copy.stack = scrub(this.stack.replace(this.message, copy.message));
    return copy;
  }
}

export function isIscError(value: unknown): value is IscError {
  return value instanceof IscError;
}

/** What the server said about an error, from whichever body shape it used. */
export interface ServerErrorInfo {
  serverMessage?: string;
  detailCode?: string;
  trackingId?: string;
}

export function parseServerError(bodyText: string): ServerErrorInfo {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Plain text from a proxy or a bare server: its first line is still the server's word.
    const text = bodyText.trim();
    if (text === '' || /^</.test(text)) return {};
    return { serverMessage: text.split(/\r?\n/)[0].slice(0, 200) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const dto = body as ErrorResponseDto & { error?: unknown; message?: unknown; error_description?: unknown };
  const texts = Array.isArray(dto.messages)
    ? dto.messages.map((m) => (typeof m?.text === 'string' ? m.text.trim() : '')).filter(Boolean)
    : [];
  const single = [dto.error_description, dto.error, dto.message].find((v) => typeof v === 'string' && v.trim());
  const serverMessage = texts.length > 0 ? texts.join('; ') : typeof single === 'string' ? single.trim() : undefined;
  return {
    serverMessage,
    detailCode: typeof dto.detailCode === 'string' ? dto.detailCode : undefined,
    trackingId: typeof dto.trackingId === 'string' ? dto.trackingId : undefined,
  };
}

/** What a person should check for a given status, as the end of a sentence. */
function hintFor(status: number, resource: string): string {
  if (status === 401) return ' Check the personal access token (client id and secret) of this tenant.';
  if (status === 403) return " Check that the personal access token's owner has the ORG_ADMIN authority.";
  if (status === 404) return ` The ${resource} no longer exists or the id is wrong.`;
  return '';
}

export interface HttpErrorContext {
  method: string;
  path: string;
  status: number;
  bodyText: string;
  /** Noun for 404 hints: "account", "source", "task". */
  resource: string;
  outcomeUnknown?: boolean;
  retryAfterSeconds?: number;
  /** Retries made before giving up. */
  retries?: number;
}

/** An error status from ISC, as an IscError of kind 'http'. */
export function httpError(context: HttpErrorContext): IscError {
  const info = parseServerError(context.bodyText);
  const what = `${context.method} ${context.path}`;
  const retries = context.retries ? `after ${context.retries} ${context.retries === 1 ? 'retry' : 'retries'}` : undefined;
  const facts = [String(context.status), info.trackingId ? `tracking id ${info.trackingId}` : undefined, retries]
    .filter(Boolean)
    .join(', ');
  const said = info.serverMessage ? `: "${info.serverMessage}"` : '';
  const unknown = context.outcomeUnknown
    ? ' The change may or may not have been applied: check before trying again.'
    : '';
  return new IscError({
    kind: 'http',
    message: `ISC refused ${what}${said} (${facts}).${hintFor(context.status, context.resource)}${unknown}`,
    status: context.status,
    method: context.method,
    path: context.path,
    ...info,
    retryAfterSeconds: context.retryAfterSeconds,
    outcomeUnknown: context.outcomeUnknown,
  });
}

/** The first `max` characters of a body, on one line, for messages about unreadable answers. */
export function bodyExcerpt(bodyText: string, max = 80): string {
  const flat = bodyText.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `"${flat.slice(0, max)}…"` : `"${flat}"`;
}

export function invalidResponse(method: string, path: string, status: number, problem: string, bodyText: string): IscError {
  return new IscError({
    kind: 'invalid-response',
    message: `ISC sent an unreadable answer to ${method} ${path} (${status}): ${problem}; the body starts with ${bodyExcerpt(bodyText)}.`,
    status,
    method,
    path,
  });
}

/** `30 s`, `2.5 s`: a time limit as people read it. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) || seconds >= 10 ? Math.round(seconds) : seconds.toFixed(1)} s`;
}

export function invalidRequest(message: string): IscError {
  return new IscError({ kind: 'invalid-request', message });
}

const MAY_HAVE_BEEN_APPLIED = 'the change may have been applied: check before trying again';

/** Cancelled; `sent` when the request may already have reached ISC (a change is then outcomeUnknown). */
export function abortedError(method?: string, path?: string, sent = false): IscError {
  const what = method && path ? ` ${method} ${path}` : '';
  if (sent && method && isChange(method)) {
    return new IscError({
      kind: 'aborted',
      message: `Cancelled${what} after it was sent; ${MAY_HAVE_BEEN_APPLIED}.`,
      method,
      path,
      outcomeUnknown: true,
    });
  }
  return new IscError({ kind: 'aborted', message: `Cancelled${what}.`, method, path });
}

export function isChange(method: string): boolean {
  return method !== 'GET';
}

/** A 2xx answer to a change that could not be read: ISC took the request, so it may have been applied. */
export function acceptedButUnreadable(method: string, path: string, status: number, problem: string, bodyText?: string): IscError {
  const body = bodyText === undefined ? '' : ` (the body starts with ${bodyExcerpt(bodyText)})`;
  return new IscError({
    kind: 'invalid-response',
    message: `ISC accepted ${method} ${path} (${status}) but its answer could not be read: ${problem}${body}; ${MAY_HAVE_BEEN_APPLIED}.`,
    status,
    method,
    path,
    outcomeUnknown: true,
  });
}

/** An answer longer than the client's `maxResponseBytes`; not read, and not worth retrying. */
export function tooLargeError(method: string, path: string, status: number | undefined, limit: number, change = isChange(method)): IscError {
  const accepted = status !== undefined && status >= 200 && status < 300;
  const applied = change ? ` ${accepted ? `ISC accepted it (${status}), so the` : 'The'} change may have been applied: check before trying again.` : '';
  return new IscError({
    kind: 'invalid-response',
    message: `The answer to ${method} ${path}${status === undefined ? '' : ` (${status})`} is larger than the limit of ${formatBytes(limit)} and was not read; raise the client option maxResponseBytes if such answers are expected.${applied}`,
    status,
    method,
    path,
    outcomeUnknown: change || undefined,
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
