// Maps `METHOD /version/path` to a handler. Each route lists the API versions that have it,
// as the OpenAPI documents do: a beta-only path under /v3 is a 404, like on a real tenant.
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiVersion } from '../../isc/models';
import type { AccountQueryEngine } from '../query/account-query';
import type { ChangeIds, ChangeKind, LedgerEntry } from '../state/ledger';
import type { TaskRunner } from '../state/tasks';
import type { SandboxTenant } from '../state/tenant';

export interface RequestContext {
  version: ApiVersion;
  method: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  tenant: SandboxTenant;
  tasks: TaskRunner;
  accountQueries: AccountQueryEngine;
  /** Who the token belongs to; tasks report it as their launcher. */
  launcher: string;
  /** Writes the change this request takes on to the ledger (pending). Routes with a
   * `change` kind only; `kind` defaults to the route's. */
  takeChange: (ids: ChangeIds, kind?: ChangeKind) => LedgerEntry;
}

export interface ApiResponse {
  status: number;
  /** Serialized with JSON.stringify, except a JsonBytes (state/account-json-cache.ts): sent as it is. */
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (context: RequestContext) => ApiResponse;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  method: HttpMethod;
  /** With `{name}` placeholders, e.g. `/accounts/{id}/enable`. */
  pattern: string;
  versions: readonly ApiVersion[];
  /** v2024 refuses it without `X-SailPoint-Experimental: true`. */
  experimentalInV2024?: boolean;
  /** The change the route makes; the ledger records every request to it. */
  change?: ChangeKind;
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; version: ApiVersion; params: Record<string, string>; key: string }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allowed: string[] };

const VERSIONS: readonly ApiVersion[] = ['v3', 'beta', 'v2024'];

interface CompiledRoute {
  route: RouteDefinition;
  segments: string[];
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDefinition[]) {
    this.compiled = routes.map((route) => ({ route, segments: route.pattern.split('/').slice(1) }));
  }

  match(method: string, pathname: string): RouteMatch {
    const [, versionSegment, ...rest] = pathname.replace(/\/+$/, '').split('/');
    const version = VERSIONS.find((v) => v === versionSegment);
    if (!version) return { kind: 'not-found' };
    const segments = rest.map(safeDecode);
    const allowed: string[] = [];
    for (const { route, segments: pattern } of this.compiled) {
      if (!route.versions.includes(version)) continue;
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      return { kind: 'found', route, version, params, key: `${route.method} /${version}${route.pattern}` };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part.startsWith('{')) {
      if (segments[i] === '') return null;
      params[part.slice(1, -1)] = segments[i];
    } else if (part !== segments[i]) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
