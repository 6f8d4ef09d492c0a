// OAuth client credentials with a cached token. Concurrent callers share one token request,
// which is stopped when every caller waiting for it has cancelled; the token is renewed a
// little before it expires; a token ISC refused is dropped only if it is still the current
// one, so a burst of 401s leads to one new token, not one each.
import { raceAbort, sleep } from './abortable';
import { abortedError, formatSeconds, IscError, parseServerError, invalidResponse, tooLargeError } from './errors';
import type { HttpTransport, TransportResponse } from './http';
import { TransportFailure } from './http';
import type { Redactor } from './redact';
import { tlsError } from './tls-errors';
import { DEFAULT_BACKOFF, isRetryable, parseRetryAfter, retryDelay, type AttemptFailure, type BackoffOptions, MAX_RETRY_AFTER_MS } from './retry';

export const TOKEN_PATH = '/oauth/token';

export interface TokenProviderOptions {
  transport: HttpTransport;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  maxRetries: number;
  backoff?: BackoffOptions;
  redactor: Redactor;
  log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** Called for every HTTP request to the token endpoint (for stats). */
  onTokenRequest: () => void;
  now?: () => number;
}

interface CachedToken {
  accessToken: string;
  /** When to stop using it: a minute (or a tenth of its life, if shorter) before it expires. */
  renewAt: number;
}

/** The one token request all callers share, and how many of them still wait for it. */
interface TokenFlight {
  promise: Promise<string>;
  controller: AbortController;
  waiters: number;
}

export class TokenProvider {
  private cached: CachedToken | undefined;
  private inFlight: TokenFlight | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid access token; at most one token request is in flight for all callers. */
  getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.accessToken);
    if (!this.inFlight || this.inFlight.controller.signal.aborted) this.inFlight = this.startFlight();
    const flight = this.inFlight;
    flight.waiters++;
    // One caller's cancel ends only its own wait; the request stops when nobody waits any more.
    return raceAbort(flight.promise, signal).finally(() => {
      flight.waiters--;
      if (flight.waiters === 0 && signal?.aborted) flight.controller.abort();
    });
  }

  private startFlight(): TokenFlight {
    const controller = new AbortController();
    const flight: TokenFlight = { controller, waiters: 0, promise: Promise.resolve('') };
    flight.promise = this.requestToken(controller.signal).finally(() => {
      if (this.inFlight === flight) this.inFlight = undefined;
    });
    return flight;
  }

  /** ISC refused `token`: forget it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.accessToken === token) this.cached = undefined;
  }

  private async requestToken(signal: AbortSignal): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const failure = await this.tryOnce(attempt, signal);
      if (typeof failure === 'string') return failure;
      const delay = retryDelay(failure, attempt, this.options.backoff ?? DEFAULT_BACKOFF);
      this.options.log('warn', `Token request failed (${describe(failure)}); retrying in ${delay} ms.`);
      await sleep(delay, signal);
    }
  }

  /**
   * One token request: the token, or a failure worth retrying. Asking for a token changes
   * nothing on the server, so it is retried like a GET; a refusal or a last failure throws.
   */
  private async tryOnce(attempt: number, signal: AbortSignal): Promise<string | AttemptFailure> {
    const { clientId, clientSecret, maxRetries } = this.options;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    this.options.onTokenRequest();
    let response: TransportResponse;
    try {
      response = await this.options.transport.send({
        method: 'POST',
        target: TOKEN_PATH,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body.toString(),
        signal,
        timeoutMs: this.options.timeoutMs,
      });
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      // Asking for a token changes nothing, so a cancelled or unreadable token request is never "may have been applied".
      if (error.reason === 'aborted') throw abortedError('POST', TOKEN_PATH);
      if (error.reason === 'too-large') {
        throw this.options.redactor.redactError(tooLargeError('POST', TOKEN_PATH, error.status, this.options.transport.maxResponseBytes, false));
      }
      if (error.reason === 'tls') {
        throw this.options.redactor.redactError(tlsError('POST', TOKEN_PATH, this.options.transport.baseUrl, error.code, error.message));
      }
      const failure: AttemptFailure =
        error.reason === 'timeout' ? { type: 'timeout' } : { type: 'network', code: error.code, reachedServer: error.reachedServer };
      if (attempt >= maxRetries || !isRetryable('GET', failure)) throw this.transportError(error);
      return failure;
    }
    if (response.status >= 200 && response.status < 300) return this.accept(response);
    if (response.status === 400 || response.status === 401) throw this.refused(response);
    if (response.status >= 300 && response.status < 400) throw this.redirected(response);
    const failure: AttemptFailure = { type: 'status', status: response.status, retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
    const waitTooLong = (failure.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
    if (attempt >= maxRetries || waitTooLong || !isRetryable('GET', failure)) throw this.failedStatus(response);
    return failure;
  }

  private accept(response: TransportResponse): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.bodyText);
    } catch {
      throw this.options.redactor.redactError(invalidResponse('POST', TOKEN_PATH, response.status, 'not JSON', response.bodyText));
    }
    const answer = parsed as { access_token?: unknown; expires_in?: unknown } | null;
    const token = answer?.access_token;
    const expiresIn = Number(answer?.expires_in);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw this.options.redactor.redactError(
        invalidResponse('POST', TOKEN_PATH, response.status, 'no access_token or expires_in in the token answer', response.bodyText),
      );
    }
    this.options.redactor.addSecret(token);
    const lifeMs = expiresIn * 1000;
    this.cached = { accessToken: token, renewAt: this.now() + lifeMs - Math.min(60_000, lifeMs * 0.1) };
    this.options.log('info', `Got an access token for client id ${this.options.clientId} (expires in ${expiresIn} s).`);
    return token;
  }

  private refused(response: TransportResponse): IscError {
    const info = parseServerError(response.bodyText);
    const said = info.serverMessage ? `: "${info.serverMessage}"` : '';
    return this.options.redactor.redactError(
      new IscError({
        kind: 'auth',
        message: `ISC refused the client id "${this.options.clientId}" or its client secret (${response.status}${said}). Check the personal access token of this tenant.`,
        status: response.status,
        method: 'POST',
        path: TOKEN_PATH,
        ...info,
      }),
    );
  }

  private redirected(response: TransportResponse): IscError {
    return this.options.redactor.redactError(
      new IscError({
        kind: 'invalid-response',
        message: `ISC answered the token request with a redirect (${response.status}) to ${response.headers['location'] ?? 'nowhere'}, which the client does not follow; check the tenant's API URL.`,
        status: response.status,
        method: 'POST',
        path: TOKEN_PATH,
      }),
    );
  }

  private failedStatus(response: TransportResponse): IscError {
    const info = parseServerError(response.bodyText);
    const said = info.serverMessage ? `: "${info.serverMessage}"` : '';
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    return this.options.redactor.redactError(
      new IscError({
        kind: response.status === 429 ? 'rate-limited' : 'http',
        message: `ISC could not issue an access token (${response.status}${said}); try again later.`,
        status: response.status,
        method: 'POST',
        path: TOKEN_PATH,
        retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
        ...info,
      }),
    );
  }

  private transportError(failure: TransportFailure): IscError {
    const origin = new URL(this.options.transport.baseUrl).origin;
    const message =
      failure.reason === 'timeout'
        ? `ISC did not answer the token request (POST ${TOKEN_PATH}) within ${formatSeconds(this.options.timeoutMs)}.`
        : `Could not reach ISC at ${origin} to get an access token (${failure.code}).`;
    return this.options.redactor.redactError(
      new IscError({ kind: failure.reason === 'timeout' ? 'timeout' : 'network', message, method: 'POST', path: TOKEN_PATH, cause: failure }),
    );
  }
}

function describe(failure: AttemptFailure): string {
  if (failure.type === 'status') return `status ${failure.status}`;
  if (failure.type === 'network' || failure.type === 'tls') return failure.code;
  return 'timeout';
}
