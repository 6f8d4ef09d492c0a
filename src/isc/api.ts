// The ISC client's public surface. `IscClient` (client.ts) implements it; the tree, the
// commands, the editor and the bench depend only on this, so each side can change alone.
import type {
  Account,
  AccountAttributes,
  AccountAttributesCreate,
  AccountToggleRequest,
  AccountUnlockRequest,
  AccountsAsyncResult,
  ApiVersion,
  BulkIdentitiesAccountsResponse,
  DetailLevel,
  Entitlement,
  JsonPatchOperation,
  Schema,
  Source,
  TaskResultDto,
  TaskStatus,
} from './models';

export interface IscClientOptions {
  /** `https://acme.api.identitynow.com`, or `http://127.0.0.1:PORT` (plain http only on loopback). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Preferred version; an endpoint that does not exist there falls back to beta, then v2024. */
  preferredVersion?: ApiVersion;
  /** Pace of requests per access token per 10 s; ISC allows 100. Default 95. */
  requestsPer10Seconds?: number;
  /** Requests in flight at once for paging and bulk work. Default 8. */
  concurrency?: number;
  /** One request's time limit. Default 30000. */
  timeoutMs?: number;
  /** Retries for a retryable failure before giving up. Default 4. */
  maxRetries?: number;
  /**
   * The longest answer read, in bytes; a longer one ends in an IscError of kind
   * 'invalid-response'. Default 32 MiB (a FULL page of 250 Active Directory accounts is 1–4 MB).
   */
  maxResponseBytes?: number;
  /** Receives one line per request, already redacted. */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the version the client would choose for this endpoint. */
  version?: ApiVersion;
}

export interface CollectionOptions extends CallOptions {
  /** 1..250; default 250. */
  limit?: number;
  offset?: number;
  /** Ask for X-Total-Count. Costs the server: ask only when shown. */
  count?: boolean;
  /** An ISC filter expression, e.g. from `accountFilter()` in filters.ts. */
  filters?: string;
  /** Field names, `-` prefix for descending, e.g. `['name', '-modified']` or `'name,-modified'`. */
  sorters?: string | string[];
}

export interface ListAccountsOptions extends CollectionOptions {
  detailLevel?: DetailLevel;
}

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  /** From X-Total-Count when `count` was asked for. */
  totalCount?: number;
}

/** What a ListPageReader made of a page: `count` items, held as `value` in a form of its choosing. */
export interface ReadItems<R> {
  count: number;
  value: R;
}

/** Bytes a ListPageReader found not to be a list page, handed back (it may have moved them). */
export interface UnreadPage {
  unread: Uint8Array;
}

/**
 * Reads a list page's bytes somewhere other than this thread's heap (a worker thread), for
 * callers that never need the items as objects here; it may take the bytes (move them to the
 * worker). When they are not what a list page must be, one JSON array of objects each with an
 * id, it hands them back, and the client names the fault.
 */
export type ListPageReader<R> = (bytes: Uint8Array) => Promise<ReadItems<R> | UnreadPage>;

export interface ReadPage<R> extends ReadItems<R> {
  offset: number;
  limit: number;
  /** From X-Total-Count when `count` was asked for. */
  totalCount?: number;
}

export interface PagingOptions {
  /** Page size, 1..250. Default 250. */
  pageSize?: number;
  /** Pages fetched at once once the total is known. Default: the client's concurrency. */
  concurrency?: number;
  /** Stop after this many items. */
  maxItems?: number;
}

export interface WaitForTaskOptions {
  signal?: AbortSignal;
  pollIntervalMs?: number;
  /** Give up (IscError kind 'timeout') after this long. Default 10 minutes. */
  timeoutMs?: number;
  onProgress?: (status: TaskStatus) => void;
}

export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
  tokenRequests: number;
}

export interface IscApi {
  readonly baseUrl: string;

  listAccounts(options?: ListAccountsOptions): Promise<Page<Account>>;
  /** Pages in order; once the total is known the rest are fetched concurrently (bounded). */
  accountPages(options?: ListAccountsOptions & PagingOptions): AsyncIterable<Page<Account>>;
  /** listAccounts, the page's bytes read by `read` instead of parsed here. */
  readAccountPage<R>(options: ListAccountsOptions, read: ListPageReader<R>): Promise<ReadPage<R>>;
  /** accountPages, each page's bytes read by `read` instead of parsed here. */
  readAccountPages<R>(options: ListAccountsOptions & PagingOptions, read: ListPageReader<R>): AsyncIterable<ReadPage<R>>;
  getAccount(id: string, options?: CallOptions): Promise<Account>;
  createAccount(body: AccountAttributesCreate, options?: CallOptions): Promise<AccountsAsyncResult>;
  /** Flat-file accounts only. */
  putAccount(id: string, body: AccountAttributes, options?: CallOptions): Promise<AccountsAsyncResult>;
  /** `application/json-patch+json`; `/attributes/*` only on flat-file accounts. */
  patchAccount(id: string, operations: JsonPatchOperation[], options?: CallOptions): Promise<Record<string, unknown>>;
  /** Flat-file accounts only. */
  deleteAccount(id: string, options?: CallOptions): Promise<AccountsAsyncResult>;
  /** Removes the account from ISC without provisioning (beta / v2024 experimental). */
  removeAccount(id: string, options?: CallOptions): Promise<TaskResultDto>;
  removeAllAccountsOfSource(sourceId: string, options?: CallOptions): Promise<TaskResultDto>;
  enableAccount(id: string, body?: AccountToggleRequest, options?: CallOptions): Promise<AccountsAsyncResult>;
  disableAccount(id: string, body?: AccountToggleRequest, options?: CallOptions): Promise<AccountsAsyncResult>;
  unlockAccount(id: string, body?: AccountUnlockRequest, options?: CallOptions): Promise<AccountsAsyncResult>;
  reloadAccount(id: string, options?: CallOptions): Promise<AccountsAsyncResult>;
  listAccountEntitlements(id: string, options?: CollectionOptions): Promise<Page<Entitlement>>;

  enableIdnAccountForIdentity(identityId: string, options?: CallOptions): Promise<Record<string, unknown>>;
  disableIdnAccountForIdentity(identityId: string, options?: CallOptions): Promise<Record<string, unknown>>;
  /** One answer per identity (HTTP 207). */
  enableIdnAccountsForIdentities(identityIds: string[], options?: CallOptions): Promise<BulkIdentitiesAccountsResponse[]>;
  disableIdnAccountsForIdentities(identityIds: string[], options?: CallOptions): Promise<BulkIdentitiesAccountsResponse[]>;

  /** Every source, the IdentityNow source included (`includeIDNSource=true`). */
  listSources(options?: CollectionOptions): Promise<Page<Source>>;
  getSource(id: string, options?: CallOptions): Promise<Source>;
  /** The source's schemas (account, group); read leniently: attributes without a name are dropped. */
  listSourceSchemas(sourceId: string, options?: CallOptions): Promise<Schema[]>;
  /** Entitlements of one source (beta / v2024 `/entitlements`, filtered on `source.id`). */
  listSourceEntitlements(sourceId: string, options?: CollectionOptions): Promise<Page<Entitlement>>;

  getTaskStatus(id: string, options?: CallOptions): Promise<TaskStatus>;
  /** Polls task status until `completionStatus` is set; resolves with the final status. */
  waitForTask(id: string, options?: WaitForTaskOptions): Promise<TaskStatus>;

  /** Checks the credentials by fetching a token; rejects with an IscError (kind 'auth') if they are wrong. */
  verifyCredentials(options?: CallOptions): Promise<void>;
  stats(): ClientStats;
}

/** What went wrong, for people and for code. */
export type IscErrorKind =
  | 'http' // the server answered with an error status
  | 'auth' // bad client id / secret, or a token the server keeps refusing
  | 'rate-limited' // still 429 after the retries
  | 'network' // connection refused, reset, DNS
  | 'tls' // certificate not trusted, expired or for another host; TLS handshake failed (nothing was sent)
  | 'timeout' // a request or a task took longer than allowed
  | 'aborted' // the caller's AbortSignal fired
  | 'invalid-response' // not JSON, truncated, wrong shape, an HTML error page
  | 'invalid-request'; // refused before sending: bad filter, bad URL, token to a foreign host
