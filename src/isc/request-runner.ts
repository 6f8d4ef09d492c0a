// One API call from start to answer: token, rate-limit slot, send, then decide what a failure
// means (refresh the token once after a 401, wait out a 429, back off after a 5xx or a broken
// connection when retrying is safe) and turn the final failure into one IscError for people.
// The rules of retrying and of `outcomeUnknown` are written down in errors.ts and retry.ts.
import { sleep, throwIfAborted } from './abortable';
import type { ClientStats } from './api';
import type { TokenProvider } from './auth';
import type { ResolvedEndpoint } from './endpoints';
import {
  abortedError,
  acceptedButUnreadable,
  bodyExcerpt,
  formatSeconds,
  httpError,
  invalidResponse,
  isChange,
  IscError,
  parseServerError,
  tooLargeError,
} from './errors';
import { TransportFailure, type HttpTransport, type ListBody, type TransportResponse } from './http';
import type { RateLimiter } from './rate-limiter';
import { tlsError } from './tls-errors';
import type { Redactor } from './redact';
import {
  DEFAULT_BACKOFF,
  isRetryable,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDelay,
  type AttemptFailure,
  type BackoffOptions,
} from './retry';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RunnerOptions {
  transport: HttpTransport;
  auth: TokenProvider;
  limiter: RateLimiter;
  redactor: Redactor;
  stats: ClientStats;
  /** Must redact (the client's sink does). */
  log: (level: LogLevel, message: string) => void;
  timeoutMs: number;
  maxRetries: number;
  backoff?: BackoffOptions;
}

export interface ApiRequest {
  endpoint: ResolvedEndpoint;
  query?: URLSearchParams;
  /** Serialised as JSON. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** The answer is a list page (a JSON array): its items parsed, or its bytes (see http.ts). */
  listBody?: ListBody;
}

const UNKNOWN_OUTCOME = 'the change may or may not have been applied: check before trying again';

export class RequestRunner {
  constructor(private readonly options: RunnerOptions) {}

  /** The 2xx answer, or an IscError (already redacted) that says what went wrong. */
  async run(request: ApiRequest): Promise<TransportResponse> {
    try {
      return await this.attempts(request);
    } catch (error) {
      let failure = error instanceof IscError ? error : this.unexpected(request, error);
      // Cancelled while waiting for a token or a slot: still say which request it was.
      if (failure.kind === 'aborted' && !failure.path) failure = abortedError(request.endpoint.method, request.endpoint.path);
      throw this.options.redactor.redactError(failure);
    }
  }

  private async attempts(request: ApiRequest): Promise<TransportResponse> {
    const { endpoint, signal } = request;
    const { method, path } = endpoint;
    const { auth, limiter, stats, maxRetries } = this.options;
    let refreshedAfter401 = false;
    for (let attempt = 0; ; ) {
      throwIfAborted(signal, method, path);
      const token = await auth.getToken(signal);
      const sent = await this.sendOnce(request, token);
      let failure: AttemptFailure;
      if ('failure' in sent) {
        failure = sent.failure;
      } else {
        const { response } = sent;
        if (response.status >= 200 && response.status < 300) return response;
        if (response.status >= 300 && response.status < 400) throw this.redirected(endpoint, response);
        if (response.status === 401 && !refreshedAfter401) {
          // An expired or revoked token: ISC refused it before doing anything, so any method
          // may be sent again, once, with a fresh token.
          refreshedAfter401 = true;
          auth.invalidate(token);
          stats.retries++;
          continue;
        }
        const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
        if (response.status === 429) {
          stats.rateLimited++;
          // Everyone on this client would be refused too until then.
          if (retryAfterMs !== undefined) limiter.holdUntil(Date.now() + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
        }
        failure = { type: 'status', status: response.status, retryAfterMs };
      }
      const waitTooLong = failure.type === 'status' && (failure.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
      if (attempt >= maxRetries || waitTooLong || !isRetryable(method, failure)) {
        throw this.finalError(endpoint, failure, 'response' in sent ? sent.response : undefined, attempt);
      }
      const delay = retryDelay(failure, attempt, this.options.backoff ?? DEFAULT_BACKOFF);
      this.log('warn', `Retrying ${method} ${path} in ${delay} ms (retry ${attempt + 1} of ${maxRetries}).`);
      attempt++;
      stats.retries++;
      await sleep(delay, signal);
    }
  }

  /** One attempt inside one rate-limit slot: the answer, or why there was none. */
  private async sendOnce(request: ApiRequest, token: string): Promise<{ response: TransportResponse } | { failure: AttemptFailure }> {
    const { endpoint, signal } = request;
    const { method, path } = endpoint;
    const query = request.query?.toString();
    const target = query ? `${path}?${query}` : path;
    const release = await this.options.limiter.acquire(signal);
    this.options.stats.requests++;
    const started = Date.now();
    try {
      const response = await this.options.transport.send({
        method,
        target,
        headers: this.headers(request, token),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        timeoutMs: this.options.timeoutMs,
        freshConnection: isChange(method),
        listBody: request.listBody,
      });
      const took = `${method} ${target} → ${response.status} in ${Date.now() - started} ms`;
      // Why a call failed (or was retried) belongs in the log even when a retry later succeeds.
      if (response.status < 400) this.log('debug', took);
      else this.log('warn', `${took}: ${parseServerError(response.bodyText).serverMessage ?? bodyExcerpt(response.bodyText)}`);
      return { response };
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      this.log('warn', `${method} ${target} failed after ${Date.now() - started} ms: ${error.code}`);
      return { failure: this.transportFailure(endpoint, error) };
    } finally {
      release();
    }
  }

  /** A retry candidate; a failure that must end the call (cancel, oversized or unreadable 2xx) throws. */
  private transportFailure(endpoint: ResolvedEndpoint, error: TransportFailure): AttemptFailure {
    const { method, path } = endpoint;
    switch (error.reason) {
      case 'aborted':
        throw abortedError(method, path, error.reachedServer !== false);
      case 'too-large':
        throw tooLargeError(method, path, error.status, this.options.transport.maxResponseBytes);
      case 'timeout':
        return { type: 'timeout' };
      case 'tls':
        return { type: 'tls', code: error.code, detail: error.message };
      case 'network': {
        const accepted = error.status !== undefined && error.status >= 200 && error.status < 300;
        if (accepted && isChange(method)) {
          throw acceptedButUnreadable(method, path, error.status!, `the connection closed in the middle of the body (${error.code})`);
        }
        return { type: 'network', code: error.code, reachedServer: error.reachedServer };
      }
    }
  }

  private headers(request: ApiRequest, token: string): Record<string, string> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
    if (request.endpoint.experimental) headers['X-SailPoint-Experimental'] = 'true';
    return headers;
  }

  private finalError(endpoint: ResolvedEndpoint, failure: AttemptFailure, response: TransportResponse | undefined, retries: number): IscError {
    const { method, path } = endpoint;
    const unknown = isChange(method);
    const tried = retries > 0 ? ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})` : '';
    if (failure.type === 'timeout') {
      const tail = unknown ? `; ${UNKNOWN_OUTCOME}` : '';
      return new IscError({
        kind: 'timeout',
        message: `ISC did not answer ${method} ${path} within ${formatSeconds(this.options.timeoutMs)}${tried}${tail}.`,
        method,
        path,
        outcomeUnknown: unknown || undefined,
      });
    }
    if (failure.type === 'tls') return tlsError(method, path, this.options.transport.baseUrl, failure.code, failure.detail);
    if (failure.type === 'network') {
      const origin = new URL(this.options.transport.baseUrl).origin;
      const neverSent = failure.reachedServer === false;
      const message = neverSent
        ? `Could not connect to ISC at ${origin} for ${method} ${path} (${failure.code})${tried}; check the network and the tenant URL.`
        : `The connection to ISC broke during ${method} ${path} before an answer came (${failure.code})${tried}${unknown ? `; ${UNKNOWN_OUTCOME}` : ''}.`;
      return new IscError({ kind: 'network', message, method, path, outcomeUnknown: (!neverSent && unknown) || undefined });
    }
    const status = failure.status;
    const bodyText = response?.bodyText ?? '';
    const retryAfterSeconds = failure.retryAfterMs === undefined ? undefined : Math.ceil(failure.retryAfterMs / 1000);
    if (status === 429) {
      const base = httpError({ method, path, status, bodyText, resource: endpoint.resource, retryAfterSeconds });
      const wait = retryAfterSeconds !== undefined ? `wait ${retryAfterSeconds} s` : 'wait a few seconds';
      return new IscError({
        ...base.details(),
        kind: 'rate-limited',
        message: `ISC kept refusing ${method} ${path} as too many requests (429)${tried}; ${wait} and try again.`,
      });
    }
    const outcomeUnknown = status >= 500 && unknown ? true : undefined;
    if (looksLikeHtml(response)) {
      // A proxy's or gateway's error page, not ISC's API: say so rather than quote HTML.
      const error = invalidResponse(method, path, status, `an HTML page instead of ISC's JSON error`, bodyText);
      return new IscError({ ...error.details(), outcomeUnknown });
    }
    const error = httpError({ method, path, status, bodyText, resource: endpoint.resource, outcomeUnknown, retryAfterSeconds, retries });
    // A second 401 with a fresh token: the credentials themselves are refused.
    return status === 401 ? new IscError({ ...error.details(), kind: 'auth' }) : error;
  }

  private redirected(endpoint: ResolvedEndpoint, response: TransportResponse): IscError {
    const location = response.headers['location'] ?? 'nowhere';
    return new IscError({
      kind: 'invalid-response',
      message: `ISC answered ${endpoint.method} ${endpoint.path} with a redirect (${response.status}) to ${location}, which the client does not follow; check the tenant's API URL.`,
      status: response.status,
      method: endpoint.method,
      path: endpoint.path,
    });
  }

  /** Nothing says how far a change got when something unforeseen broke: it may have been applied. */
  private unexpected(request: ApiRequest, error: unknown): IscError {
    const text = error instanceof Error ? error.message : String(error);
    const { method, path } = request.endpoint;
    const unknown = isChange(method);
    return new IscError({
      kind: 'network',
      message: `${method} ${path} failed unexpectedly: ${text}${unknown ? '; the change may have been applied: check before trying again' : ''}.`,
      method,
      path,
      outcomeUnknown: unknown || undefined,
      cause: error,
    });
  }

  private log(level: LogLevel, message: string): void {
    this.options.log(level, message);
  }
}

function looksLikeHtml(response: TransportResponse | undefined): boolean {
  if (!response) return false;
  return /text\/html/i.test(response.headers['content-type'] ?? '') || /^\s*<(!doctype|html|head|body)/i.test(response.bodyText);
}
