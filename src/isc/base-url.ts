// Which URLs the client may talk to. The token goes only to the base URL's origin, and only
// over https unless the host is this machine (the sandbox tenant, tests).
import { invalidRequest } from './errors';

const VERSION_SUFFIX = /\/(v3|beta|v2024)$/i;
const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const API_HOST_SUFFIX = '.api.identitynow.com';

/** Where plain http may go, as people read it in the refusal. */
export const LOOPBACK_HOSTS = '127.0.0.0/8, [::1] and localhost';

/**
 * This machine, as Node reaches it: 127.0.0.0/8, ::1 and the literal `localhost`. Not
 * `*.localhost`: Node hands such names to DNS like any other, so they may leave the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

function parseUrl(input: string): URL | undefined {
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}

/**
 * The client's base URL in one canonical form: no trailing slash, no pasted `/v3`,
 * `/beta` or `/v2024`. Refuses plain http to anything but loopback, credentials in the URL,
 * and a query or fragment (they would end up in every request).
 */
export function normalizeBaseUrl(input: string): string {
  const url = parseUrl(input.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidRequest(`The ISC base URL "${input}" is not an http(s) URL; expected e.g. https://acme.api.identitynow.com.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalidRequest(
      `The ISC base URL ${url.origin} uses plain http: https is required. Plain http is allowed only to this machine (${LOOPBACK_HOSTS}), e.g. http://127.0.0.1:7100.`,
    );
  }
  if (url.username || url.password) {
    throw invalidRequest('The ISC base URL must not contain a user name or password; use the client id and secret.');
  }
  if (url.search || url.hash) {
    throw invalidRequest(`The ISC base URL ${url.origin}${url.pathname} must not have a query or a fragment.`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  while (VERSION_SUFFIX.test(path)) path = path.replace(VERSION_SUFFIX, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/**
 * Turns what a person types for a tenant into its API base URL: `acme`,
 * `acme.api.identitynow.com`, `https://acme.api.identitynow.com[/v3]`, or a loopback URL
 * such as `http://127.0.0.1:7100`. Throws an IscError (kind 'invalid-request') otherwise.
 */
export function tenantBaseUrl(input: string): string {
  const text = input.trim();
  if (TENANT_NAME.test(text)) return `https://${text.toLowerCase()}${API_HOST_SUFFIX}`;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  const url = parseUrl(withScheme);
  const host = url?.hostname.toLowerCase() ?? '';
  const tenant = host.endsWith(API_HOST_SUFFIX) ? host.slice(0, -API_HOST_SUFFIX.length) : '';
  if (url && isLoopbackHost(host)) return normalizeBaseUrl(url.href);
  if (url && TENANT_NAME.test(tenant) && url.protocol === 'https:' && !url.search && !url.hash) {
    const normalized = normalizeBaseUrl(url.href);
    // ISC's API lives at the root of the tenant's host; any other path is a pasted page URL.
    if (normalized === url.origin) return normalized;
  }
  throw invalidRequest(
    `"${input}" is not an ISC tenant: type the tenant name (acme), its API host (acme.api.identitynow.com) or its API URL (https://acme.api.identitynow.com).`,
  );
}
