// The typed ISC client: every IscApi method is a version choice, a request and a shape check.
// Transport, token, pacing, retries and error wording live in their own modules.
import type {
  CallOptions,
  ClientStats,
  CollectionOptions,
  IscApi,
  IscClientOptions,
  ListAccountsOptions,
  ListPageReader,
  Page,
  PagingOptions,
  ReadPage,
  WaitForTaskOptions,
} from './api';
import { TokenProvider } from './auth';
import { normalizeBaseUrl } from './base-url';
import { checkLimit, collectionQuery } from './collection';
import { resolveEndpoint, type EndpointName, type ResolvedEndpoint } from './endpoints';
import { invalidRequest, invalidResponse, isIscError } from './errors';
import { quoteFilterString, validateAccountSorters } from './filters';
import { DEFAULT_MAX_RESPONSE_BYTES, HttpTransport, type ListBody, type TransportResponse } from './http';
import type {
  Account,
  AccountAttributes,
  AccountAttributesCreate,
  AccountToggleRequest,
  AccountUnlockRequest,
  AccountsAsyncResult,
  ApiVersion,
  BulkIdentitiesAccountsResponse,
  Entitlement,
  JsonPatchOperation,
  Schema,
  Source,
  TaskResultDto,
  TaskStatus,
} from './models';
import { walkCountedPages, walkPages, type PageWalkOptions } from './paging';
import { RateLimiter } from './rate-limiter';
import { Redactor } from './redact';
import { RequestRunner, type LogLevel } from './request-runner';
import { expectBulkResults, expectListItems, expectObject, expectObjectWithId, expectTaskResult, expectTaskStatus, totalCount } from './response';
import { DEFAULT_BACKOFF } from './retry';
import { expectSchemas } from './schemas';
import { waitForTask } from './task-wait';

/** IscClientOptions plus knobs tests and benchmarks turn; the defaults match ISC. */
export interface IscClientConfig extends IscClientOptions {
  /** The rate window; ISC's is 10 s. `requestsPer10Seconds` requests are allowed per window. */
  rateWindowMs?: number;
  /** First back-off ceiling (doubles per retry, full jitter). Default 300. */
  retryBaseDelayMs?: number;
  /** Largest back-off. Default 8000. */
  retryMaxDelayMs?: number;
  /** PEM certificates trusted besides Node's roots, e.g. a test CA (people set NODE_EXTRA_CA_CERTS). */
  extraCaCertificates?: string[];
}

const DEFAULTS = { requestsPer10Seconds: 95, concurrency: 8, timeoutMs: 30_000, maxRetries: 4, rateWindowMs: 10_000 };
const PATCH_CONTENT_TYPE = 'application/json-patch+json';

interface Call {
  params?: Record<string, string>;
  query?: URLSearchParams;
  body?: unknown;
  contentType?: string;
  options?: CallOptions;
  /** The answer is a list page: its items parsed, or its bytes (see http.ts). */
  listBody?: ListBody;
}

export class IscClient implements IscApi {
  readonly baseUrl: string;
  private readonly redactor: Redactor;
  private readonly transport: HttpTransport;
  private readonly auth: TokenProvider;
  private readonly runner: RequestRunner;
  private readonly counters: ClientStats = { requests: 0, retries: 0, rateLimited: 0, tokenRequests: 0 };
  private readonly preferredVersion?: ApiVersion;
  private readonly concurrency: number;

  constructor(options: IscClientConfig) {
    if (!options.clientId?.trim()) throw invalidRequest('The client id of the personal access token is empty.');
    if (!options.clientSecret) throw invalidRequest('The client secret of the personal access token is empty.');
    this.redactor = new Redactor([options.clientSecret]);
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.preferredVersion = options.preferredVersion;
    this.concurrency = positive(options.concurrency ?? DEFAULTS.concurrency, 'concurrency');
    const timeoutMs = positive(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs');
    const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULTS.maxRetries));
    const backoff = {
      ...DEFAULT_BACKOFF,
      ...(options.retryBaseDelayMs !== undefined && { baseDelayMs: options.retryBaseDelayMs }),
      ...(options.retryMaxDelayMs !== undefined && { maxDelayMs: options.retryMaxDelayMs }),
    };
    const sink = options.log;
    const log = (level: LogLevel, message: string): void => sink?.(level, this.redactor.redact(message));
    this.transport = new HttpTransport(this.baseUrl, {
      maxResponseBytes: Math.floor(positive(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes')),
      extraCaCertificates: options.extraCaCertificates,
    });
    this.auth = new TokenProvider({
      transport: this.transport,
      clientId: options.clientId.trim(),
      clientSecret: options.clientSecret,
      timeoutMs,
      maxRetries,
      backoff,
      redactor: this.redactor,
      log,
      onTokenRequest: () => this.counters.tokenRequests++,
    });
    const limiter = new RateLimiter({
      limit: positive(options.requestsPer10Seconds ?? DEFAULTS.requestsPer10Seconds, 'requestsPer10Seconds'),
      windowMs: positive(options.rateWindowMs ?? DEFAULTS.rateWindowMs, 'rateWindowMs'),
    });
    this.runner = new RequestRunner({
      transport: this.transport,
      auth: this.auth,
      limiter,
      redactor: this.redactor,
      stats: this.counters,
      log,
      timeoutMs,
      maxRetries,
      backoff,
    });
  }

  async listAccounts(options: ListAccountsOptions = {}): Promise<Page<Account>> {
    return this.page<Account>('listAccounts', accountListOptions(options));
  }

  accountPages(options: ListAccountsOptions & PagingOptions = {}): AsyncIterable<Page<Account>> {
    const { listOptions, walk } = this.pageWalk(options);
    const fetchPage = (offset: number, limit: number, count: boolean, signal: AbortSignal): Promise<Page<Account>> =>
      this.listAccounts({ ...listOptions, offset, limit, count, signal });
    return walkPages(fetchPage, walk);
  }

  async readAccountPage<R>(options: ListAccountsOptions, read: ListPageReader<R>): Promise<ReadPage<R>> {
    return this.readPage('listAccounts', accountListOptions(options), read);
  }

  readAccountPages<R>(options: ListAccountsOptions & PagingOptions, read: ListPageReader<R>): AsyncIterable<ReadPage<R>> {
    const { listOptions, walk } = this.pageWalk(options);
    const fetchPage = (offset: number, limit: number, count: boolean, signal: AbortSignal): Promise<ReadPage<R>> =>
      this.readAccountPage({ ...listOptions, offset, limit, count, signal }, read);
    return walkCountedPages(fetchPage, walk, (page) => page.count);
  }

  async getAccount(id: string, options?: CallOptions): Promise<Account> {
    return this.call('getAccount', { params: { id }, options }, (endpoint, response) => expectObjectWithId<Account>(endpoint, response));
  }

  async createAccount(body: AccountAttributesCreate, options?: CallOptions): Promise<AccountsAsyncResult> {
    if (typeof body?.attributes?.sourceId !== 'string' || body.attributes.sourceId === '') {
      throw invalidRequest('createAccount needs attributes.sourceId, the id of the source to create the account on.');
    }
    return this.asyncResult('createAccount', { body, options });
  }

  putAccount(id: string, body: AccountAttributes, options?: CallOptions): Promise<AccountsAsyncResult> {
    return this.asyncResult('putAccount', { params: { id }, body, options });
  }

  async patchAccount(id: string, operations: JsonPatchOperation[], options?: CallOptions): Promise<Record<string, unknown>> {
    if (!Array.isArray(operations) || operations.length === 0) {
      throw invalidRequest('patchAccount needs at least one JSON Patch operation.');
    }
    const call = { params: { id }, body: operations, contentType: PATCH_CONTENT_TYPE, options };
    return this.call('patchAccount', call, (endpoint, response) => expectObject<Record<string, unknown>>(endpoint, response, {}));
  }

  deleteAccount(id: string, options?: CallOptions): Promise<AccountsAsyncResult> {
    return this.asyncResult('deleteAccount', { params: { id }, options });
  }

  async removeAccount(id: string, options?: CallOptions): Promise<TaskResultDto> {
    return this.call('removeAccount', { params: { id }, options }, (endpoint, response) => expectTaskResult<TaskResultDto>(endpoint, response));
  }

  async removeAllAccountsOfSource(sourceId: string, options?: CallOptions): Promise<TaskResultDto> {
    return this.call('removeAllAccountsOfSource', { params: { sourceId }, options }, (endpoint, response) => expectTaskResult<TaskResultDto>(endpoint, response));
  }

  enableAccount(id: string, body: AccountToggleRequest = {}, options?: CallOptions): Promise<AccountsAsyncResult> {
    return this.asyncResult('enableAccount', { params: { id }, body, options });
  }

  disableAccount(id: string, body: AccountToggleRequest = {}, options?: CallOptions): Promise<AccountsAsyncResult> {
    return this.asyncResult('disableAccount', { params: { id }, body, options });
  }

  unlockAccount(id: string, body: AccountUnlockRequest = {}, options?: CallOptions): Promise<AccountsAsyncResult> {
    return this.asyncResult('unlockAccount', { params: { id }, body, options });
  }

  reloadAccount(id: string, options?: CallOptions): Promise<AccountsAsyncResult> {
    return this.asyncResult('reloadAccount', { params: { id }, options });
  }

  listAccountEntitlements(id: string, options: CollectionOptions = {}): Promise<Page<Entitlement>> {
    return this.page<Entitlement>('listAccountEntitlements', options, { id });
  }

  enableIdnAccountForIdentity(identityId: string, options?: CallOptions): Promise<Record<string, unknown>> {
    return this.object('enableIdnAccountForIdentity', { params: { id: identityId }, options }, {});
  }

  disableIdnAccountForIdentity(identityId: string, options?: CallOptions): Promise<Record<string, unknown>> {
    return this.object('disableIdnAccountForIdentity', { params: { id: identityId }, options }, {});
  }

  enableIdnAccountsForIdentities(identityIds: string[], options?: CallOptions): Promise<BulkIdentitiesAccountsResponse[]> {
    return this.bulkIdentities('enableIdnAccountsForIdentities', identityIds, options);
  }

  disableIdnAccountsForIdentities(identityIds: string[], options?: CallOptions): Promise<BulkIdentitiesAccountsResponse[]> {
    return this.bulkIdentities('disableIdnAccountsForIdentities', identityIds, options);
  }

  listSources(options: CollectionOptions = {}): Promise<Page<Source>> {
    // ISC leaves its own IdentityNow source out unless asked (every version takes the flag);
    // that source holds each identity's IDN account, which the explorer shows.
    return this.page<Source>('listSources', options, undefined, { includeIDNSource: 'true' });
  }

  async getSource(id: string, options?: CallOptions): Promise<Source> {
    return this.call('getSource', { params: { id }, options }, (endpoint, response) => expectObjectWithId<Source>(endpoint, response));
  }

  async listSourceSchemas(sourceId: string, options?: CallOptions): Promise<Schema[]> {
    return this.call('listSourceSchemas', { params: { sourceId }, options }, (endpoint, response) => expectSchemas(endpoint, response));
  }

  async listSourceEntitlements(sourceId: string, options: CollectionOptions = {}): Promise<Page<Entitlement>> {
    if (typeof sourceId !== 'string' || sourceId.trim() === '') throw invalidRequest('listSourceEntitlements needs a non-empty source id.');
    const bySource = `source.id eq ${quoteFilterString(sourceId)}`;
    const filters = options.filters?.trim() ? `${bySource} and (${options.filters.trim()})` : bySource;
    return this.page<Entitlement>('listSourceEntitlements', { ...options, filters });
  }

  async getTaskStatus(id: string, options?: CallOptions): Promise<TaskStatus> {
    return this.call('getTaskStatus', { params: { id }, options }, (endpoint, response) => expectTaskStatus(endpoint, response));
  }

  waitForTask(id: string, options: WaitForTaskOptions = {}): Promise<TaskStatus> {
    return waitForTask(id, (signal) => this.getTaskStatus(id, { signal }), options);
  }

  async verifyCredentials(options: CallOptions = {}): Promise<void> {
    await this.auth.getToken(options.signal);
  }

  stats(): ClientStats {
    return { ...this.counters };
  }

  /** Closes idle keep-alive connections; the client should not be used afterwards. */
  dispose(): void {
    this.transport.dispose();
  }

  /**
   * Sends the call and reads its answer with `read`. A reading error quotes the answer, so it
   * passes the redactor like every other error the client throws.
   */
  private async call<T>(name: EndpointName, call: Call, read: (endpoint: ResolvedEndpoint, response: TransportResponse) => T | Promise<T>): Promise<T> {
    const endpoint = resolveEndpoint(name, call.params ?? {}, this.preferredVersion, call.options?.version);
    const response = await this.runner.run({
      endpoint,
      query: call.query,
      body: call.body,
      contentType: call.contentType,
      signal: call.options?.signal,
      listBody: call.listBody,
    });
    try {
      return await read(endpoint, response);
    } catch (error) {
      throw isIscError(error) ? this.redactor.redactError(error) : error;
    }
  }

  /** `noContentAs`: what a 204 No Content stands for. */
  private async object<T>(name: EndpointName, call: Call, noContentAs?: Record<string, unknown>): Promise<T> {
    return this.call(name, call, (endpoint, response) => expectObject<T>(endpoint, response, noContentAs));
  }

  private async asyncResult(name: EndpointName, call: Call): Promise<AccountsAsyncResult> {
    return this.call(name, call, (endpoint, response) => expectObjectWithId<AccountsAsyncResult>(endpoint, response));
  }

  private async page<T>(
    name: EndpointName,
    options: ListAccountsOptions,
    params?: Record<string, string>,
    extraQuery: Record<string, string> = {},
  ): Promise<Page<T>> {
    const { params: query, limit, offset } = collectionQuery(options);
    for (const [key, value] of Object.entries(extraQuery)) query.set(key, value);
    return this.call(name, { params, query, options, listBody: 'items' }, (endpoint, response) => {
      const items = expectListItems<T>(endpoint, response);
      const total = totalCount(endpoint, response);
      return total === undefined ? { items, offset, limit } : { items, offset, limit, totalCount: total };
    });
  }

  /** page(), the bytes read by `read`; what it cannot read is read here, to name the fault. */
  private async readPage<R>(name: EndpointName, options: ListAccountsOptions, read: ListPageReader<R>): Promise<ReadPage<R>> {
    const { params: query, limit, offset } = collectionQuery(options);
    return this.call(name, { query, options, listBody: 'bytes' }, async (endpoint, response) => {
      const made = await read(response.bytes ?? new Uint8Array());
      if ('unread' in made) {
        const whole = { ...response, bodyText: utf8.decode(made.unread) };
        expectListItems(endpoint, whole);
        throw invalidResponse(endpoint.method, endpoint.path, response.status, 'the list could not be read', whole.bodyText);
      }
      const total = totalCount(endpoint, response);
      return total === undefined ? { ...made, offset, limit } : { ...made, offset, limit, totalCount: total };
    });
  }

  private pageWalk<O extends ListAccountsOptions & PagingOptions>(options: O): { listOptions: Omit<O, keyof PagingOptions>; walk: PageWalkOptions } {
    const { pageSize, concurrency, maxItems, ...listOptions } = options;
    const size = checkLimit(pageSize ?? listOptions.limit, 'page size');
    if (maxItems !== undefined && !(Number.isInteger(maxItems) && maxItems >= 0)) {
      throw invalidRequest(`maxItems must be a whole number of 0 or more; got ${maxItems}.`);
    }
    const walk = { startOffset: listOptions.offset ?? 0, pageSize: size, concurrency: concurrency ?? this.concurrency, maxItems, signal: listOptions.signal };
    return { listOptions, walk };
  }

  private async bulkIdentities(name: EndpointName, identityIds: string[], options?: CallOptions): Promise<BulkIdentitiesAccountsResponse[]> {
    if (!Array.isArray(identityIds) || identityIds.length === 0 || identityIds.some((id) => typeof id !== 'string' || id === '')) {
      throw invalidRequest(`${name} needs a non-empty list of identity ids.`);
    }
    return this.call(name, { body: { identityIds }, options }, (endpoint, response) => expectBulkResults(endpoint, response));
  }
}

function accountListOptions(options: ListAccountsOptions): ListAccountsOptions {
  return options.sorters === undefined ? options : { ...options, sorters: validateAccountSorters(options.sorters) };
}

const utf8 = new TextDecoder('utf-8');

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw invalidRequest(`The client option ${name} must be a positive number; got ${value}.`);
  return value;
}
