// Which API versions have which endpoint, and how the client picks one. v3 is the stable API,
// so it wins where it exists; beta and v2024 carry the rest (v2024 marks some experimental).
import type { ApiVersion } from './models';
import { invalidRequest } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointSpec {
  method: HttpMethod;
  /** Path template per version that has the endpoint; `{name}` placeholders are URL-encoded ids. */
  paths: Partial<Record<ApiVersion, string>>;
  /** Versions where the endpoint needs `X-SailPoint-Experimental: true`. */
  experimentalIn?: ApiVersion[];
  /** What a 404 means, for the error hint. */
  resource: string;
}

const ALL = (path: string): Partial<Record<ApiVersion, string>> => ({ v3: path, beta: path, v2024: path });
const NOT_V3 = (path: string): Partial<Record<ApiVersion, string>> => ({ beta: path, v2024: path });

export const ENDPOINTS = {
  listAccounts: { method: 'GET', paths: ALL('/accounts'), resource: 'account list' },
  getAccount: { method: 'GET', paths: ALL('/accounts/{id}'), resource: 'account' },
  createAccount: { method: 'POST', paths: ALL('/accounts'), resource: 'source' },
  putAccount: { method: 'PUT', paths: ALL('/accounts/{id}'), resource: 'account' },
  patchAccount: { method: 'PATCH', paths: ALL('/accounts/{id}'), resource: 'account' },
  deleteAccount: { method: 'DELETE', paths: ALL('/accounts/{id}'), resource: 'account' },
  enableAccount: { method: 'POST', paths: ALL('/accounts/{id}/enable'), resource: 'account' },
  disableAccount: { method: 'POST', paths: ALL('/accounts/{id}/disable'), resource: 'account' },
  unlockAccount: { method: 'POST', paths: ALL('/accounts/{id}/unlock'), resource: 'account' },
  reloadAccount: { method: 'POST', paths: ALL('/accounts/{id}/reload'), resource: 'account' },
  listAccountEntitlements: { method: 'GET', paths: ALL('/accounts/{id}/entitlements'), resource: 'account' },
  removeAccount: {
    method: 'POST',
    paths: NOT_V3('/accounts/{id}/remove'),
    experimentalIn: ['v2024'],
    resource: 'account',
  },
  removeAllAccountsOfSource: {
    method: 'POST',
    // Same URL shape; the contracts only name the placeholder differently.
    paths: { beta: '/sources/{sourceId}/remove-accounts', v2024: '/sources/{id}/remove-accounts' },
    experimentalIn: ['v2024'],
    resource: 'source',
  },
  enableIdnAccountForIdentity: {
    method: 'POST',
    paths: NOT_V3('/identities-accounts/{id}/enable'),
    experimentalIn: ['v2024'],
    resource: 'identity',
  },
  disableIdnAccountForIdentity: {
    method: 'POST',
    paths: NOT_V3('/identities-accounts/{id}/disable'),
    experimentalIn: ['v2024'],
    resource: 'identity',
  },
  enableIdnAccountsForIdentities: {
    method: 'POST',
    paths: NOT_V3('/identities-accounts/enable'),
    experimentalIn: ['v2024'],
    resource: 'identity',
  },
  disableIdnAccountsForIdentities: {
    method: 'POST',
    paths: NOT_V3('/identities-accounts/disable'),
    experimentalIn: ['v2024'],
    resource: 'identity',
  },
  listSources: { method: 'GET', paths: ALL('/sources'), resource: 'source list' },
  getSource: { method: 'GET', paths: ALL('/sources/{id}'), resource: 'source' },
  listSourceSchemas: { method: 'GET', paths: ALL('/sources/{sourceId}/schemas'), resource: 'source' },
  listSourceEntitlements: { method: 'GET', paths: NOT_V3('/entitlements'), resource: 'entitlement list' },
  getTaskStatus: { method: 'GET', paths: NOT_V3('/task-status/{id}'), resource: 'task' },
} satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof ENDPOINTS;

/** Where a version sits when the preferred one lacks an endpoint: stable first. */
const FALLBACK_ORDER: ApiVersion[] = ['v3', 'beta', 'v2024'];

export interface ResolvedEndpoint {
  name: EndpointName;
  method: HttpMethod;
  version: ApiVersion;
  /** `/v3/accounts/2c91…` with every placeholder filled and URL-encoded. */
  path: string;
  experimental: boolean;
  resource: string;
}

export function versionsOf(name: EndpointName): ApiVersion[] {
  const spec: EndpointSpec = ENDPOINTS[name];
  return FALLBACK_ORDER.filter((version) => spec.paths[version] !== undefined);
}

/**
 * Picks the version: a per-call `forced` version must have the endpoint (else the caller
 * asked for something impossible); a client-wide `preferred` version is used when it has
 * the endpoint and otherwise falls back to v3, beta, v2024 in that order.
 */
export function chooseVersion(name: EndpointName, preferred?: ApiVersion, forced?: ApiVersion): ApiVersion {
  const available = versionsOf(name);
  if (forced !== undefined) {
    if (available.includes(forced)) return forced;
    const spec: EndpointSpec = ENDPOINTS[name];
    const template = spec.paths[available[0]];
    throw invalidRequest(
      `The ${name} endpoint (${spec.method} ${template}) does not exist in the ${forced} API; use ${available.join(' or ')}.`,
    );
  }
  if (preferred !== undefined && available.includes(preferred)) return preferred;
  return available[0];
}

export function resolveEndpoint(
  name: EndpointName,
  params: Record<string, string>,
  preferred?: ApiVersion,
  forced?: ApiVersion,
): ResolvedEndpoint {
  const spec: EndpointSpec = ENDPOINTS[name];
  const version = chooseVersion(name, preferred, forced);
  const template = spec.paths[version] as string;
  const filled = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    // Both names of the source placeholder mean the same id.
    const value = params[key] ?? (key === 'sourceId' || key === 'id' ? params.sourceId ?? params.id : undefined);
    if (typeof value !== 'string' || value.trim() === '') {
      throw invalidRequest(`${name} needs a non-empty ${key}.`);
    }
    // URL parsers resolve "." and ".." segments (even encoded), which would leave /accounts/.
    if (value === '.' || value === '..') throw invalidRequest(`"${value}" is not a valid ${key} for ${name}.`);
    return encodeURIComponent(value);
  });
  return {
    name,
    method: spec.method,
    version,
    path: `/${version}${filled}`,
    experimental: spec.experimentalIn?.includes(version) ?? false,
    resource: spec.resource,
  };
}
