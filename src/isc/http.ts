// The transport: one HTTP exchange with the tenant over node-fetch and keep-alive agents.
// It knows nothing of tokens or retries; it guarantees that nothing is ever sent outside the
// base URL's origin, that redirects are never followed, that every exchange (headers and
// body) ends within its time limit or at the caller's signal, and that no answer is read
// beyond the size limit. Each failure says whether the request may have reached the server.
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { RequestInit } from 'node-fetch' with { 'resolution-mode': 'import' };
import type { HttpMethod } from './endpoints';
import { invalidRequest } from './errors';
import { jsonArrayItems } from './json-array-items';

export interface TransportRequest {
  method: HttpMethod;
  /** A path under the base URL (`/v3/accounts?limit=1`), or an absolute URL on the base URL's origin. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  /**
   * Use a new connection instead of a pooled keep-alive one. For changes: a pooled socket the
   * server closed while idle fails with ECONNRESET, indistinguishable from a reset after ISC
   * received the change, so a change would be reported "may or may not have been applied"
   * for nothing; on a new connection a reset means what it says.
   */
  freshConnection?: boolean;
  /**
   * The answer is a list page. 'items': a 2xx JSON array is parsed item by item (see
   * json-array-items.ts). 'bytes': a 2xx body is handed over unread, for a reader elsewhere.
   */
  listBody?: ListBody;
}

export interface TransportResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body; only its first characters, for messages, when `arrayItems` or `bytes` holds it. */
  bodyText: string;
  /** A 2xx body asked for as list 'items' that is one well-formed JSON array: its items. */
  arrayItems?: unknown[];
  /** A 2xx body asked for as list 'bytes'. */
  bytes?: Uint8Array;
}

export type ListBody = 'items' | 'bytes';

/** How much of a body parsed item by item is kept as text, for messages that quote it. */
const BODY_START_BYTES = 256;
const utf8 = new TextDecoder('utf-8');

export interface TransportOptions {
  /** Answers longer than this many bytes are not read (TransportFailure 'too-large'). */
  maxResponseBytes: number;
  /** PEM certificates trusted besides Node's own roots (and NODE_EXTRA_CA_CERTS). */
  extraCaCertificates?: string[];
}

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type TransportFailureReason = 'network' | 'timeout' | 'aborted' | 'tls' | 'too-large';

/** Connection failures that happen before a single byte of the request left this machine. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Certificate checks and handshake failures: the HTTP request never left this machine. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

export function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_SSL_');
}

export class TransportFailure extends Error {
  constructor(
    readonly reason: TransportFailureReason,
    /** The system error code (ECONNREFUSED, ECONNRESET, CERT_HAS_EXPIRED…) when there is one. */
    readonly code: string,
    /** false only when the request provably never reached the server. */
    readonly reachedServer: false | 'unknown',
    message: string,
    /** The answer's status, when the failure came while its body was being read. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportFailure';
  }
}

// node-fetch v3 is an ES module; a dynamic import keeps this file CommonJS for tsc, and
// esbuild inlines it in the bundle.
type FetchModule = typeof import('node-fetch', { with: { 'resolution-mode': 'import' } });
let fetchModule: Promise<FetchModule> | undefined;
const loadFetch = (): Promise<FetchModule> => (fetchModule ??= import('node-fetch'));

export class HttpTransport {
  private readonly base: URL;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent: https.Agent;
  private readonly freshHttpAgent = new http.Agent({ keepAlive: false });
  private readonly freshHttpsAgent: https.Agent;
  readonly maxResponseBytes: number;

  /** `baseUrl` must already be normalised (see base-url.ts). */
  constructor(
    readonly baseUrl: string,
    options: Partial<TransportOptions> = {},
  ) {
    this.base = new URL(baseUrl);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    // An explicit `ca` replaces Node's roots, so they are listed too.
    const ca = options.extraCaCertificates?.length ? [...tls.rootCertificates, ...options.extraCaCertificates] : undefined;
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32, ca });
    this.freshHttpsAgent = new https.Agent({ keepAlive: false, ca });
  }

  /** The full URL for a target; refuses anything outside the base URL's origin. */
  resolve(target: string): URL {
    const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(target);
    const url = new URL(isAbsolute ? target : `${this.baseUrl}${target.startsWith('/') ? '' : '/'}${target}`);
    if (url.origin !== this.base.origin || url.username || url.password) {
      throw invalidRequest(
        `Refused to send a request to ${url.origin}: the access token only goes to the tenant at ${this.base.origin}.`,
      );
    }
    return url;
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const url = this.resolve(request.target);
    const { default: fetch } = await loadFetch();
    if (request.signal?.aborted) throw new TransportFailure('aborted', 'ABORT_ERR', false, 'cancelled before sending');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    if (request.signal?.aborted) controller.abort();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // A redirect could carry the Authorization header elsewhere; ISC's API never redirects.
      redirect: 'manual',
      signal: controller.signal as NonNullable<RequestInit['signal']>,
      agent: (parsed: URL) => this.agentFor(parsed, request.freshConnection === true),
      size: this.maxResponseBytes,
    };
    let status: number | undefined;
    try {
      const response = await fetch(url.href, init);
      status = response.status;
      const body = new Uint8Array(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const listPage = status >= 200 && status < 300 ? request.listBody : undefined;
      const bodyStart = (): string => utf8.decode(body.subarray(0, BODY_START_BYTES));
      if (listPage === 'bytes') return { status, headers, bodyText: bodyStart(), bytes: body };
      const arrayItems = listPage === 'items' ? jsonArrayItems(body) : undefined;
      if (arrayItems) return { status, headers, bodyText: bodyStart(), arrayItems };
      return { status, headers, bodyText: utf8.decode(body) };
    } catch (error) {
      throw this.classify(error, timedOut, request.signal?.aborted === true, status);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Closes idle keep-alive connections (the client is no longer used). */
  dispose(): void {
    for (const agent of [this.httpAgent, this.httpsAgent, this.freshHttpAgent, this.freshHttpsAgent]) agent.destroy();
  }

  private agentFor(url: URL, fresh: boolean): http.Agent {
    if (url.protocol === 'http:') return fresh ? this.freshHttpAgent : this.httpAgent;
    return fresh ? this.freshHttpsAgent : this.httpsAgent;
  }

  private classify(error: unknown, timedOut: boolean, callerAborted: boolean, status: number | undefined): TransportFailure {
    if (timedOut) return new TransportFailure('timeout', 'ETIMEDOUT', 'unknown', 'no answer within the time limit', status);
    if (callerAborted) return new TransportFailure('aborted', 'ABORT_ERR', 'unknown', 'cancelled', status);
    if ((error as { type?: unknown } | null)?.type === 'max-size') {
      return new TransportFailure('too-large', 'ETOOLARGE', 'unknown', `the answer is over ${this.maxResponseBytes} bytes`, status);
    }
    const code = systemCode(error);
    const detail = reasonOf(error);
    if (status === undefined && isTlsCode(code)) return new TransportFailure('tls', code, false, detail);
    return new TransportFailure('network', code, NEVER_SENT_CODES.has(code) ? false : 'unknown', detail, status);
  }
}

function systemCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'ENETWORK';
}

/** node-fetch's "request to URL failed, reason: …" without the URL. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^request to \S+ failed, reason: /, '');
}
