// A tenant handed to the extension through its environment: `npm start` uses it to open VS Code
// with the local sandbox tenant already connected. It is a development affordance only, so it
// accepts loopback URLs and nothing else: real tenant secrets belong in SecretStorage, never in
// an environment that every child process inherits.
import { isLoopbackHost } from '../isc/base-url';

export const PRECONFIGURED_TENANT_ENV = {
  baseUrl: 'ISC_ACCOUNTS_SANDBOX_URL',
  clientId: 'ISC_ACCOUNTS_SANDBOX_CLIENT_ID',
  clientSecret: 'ISC_ACCOUNTS_SANDBOX_CLIENT_SECRET',
  label: 'ISC_ACCOUNTS_SANDBOX_LABEL',
} as const;

export const DEFAULT_PRECONFIGURED_LABEL = 'Sandbox (npm start)';

export interface PreconfiguredTenant {
  label: string;
  /** Canonical form: origin plus path, no trailing slash, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export class PreconfiguredTenantError extends Error {
  override readonly name = 'PreconfiguredTenantError';
}

/**
 * The tenant described by `ISC_ACCOUNTS_SANDBOX_*`, or `undefined` when the URL variable is
 * not set. Throws a PreconfiguredTenantError, whose message names the variable to fix, when
 * the variables are set but incomplete or point anywhere but this machine.
 */
export function preconfiguredTenantFromEnv(env: NodeJS.ProcessEnv): PreconfiguredTenant | undefined {
  const rawUrl = env[PRECONFIGURED_TENANT_ENV.baseUrl]?.trim();
  if (!rawUrl) return undefined;

  const baseUrl = loopbackBaseUrl(rawUrl);
  const clientId = required(env, PRECONFIGURED_TENANT_ENV.clientId);
  const clientSecret = required(env, PRECONFIGURED_TENANT_ENV.clientSecret);
  const label = env[PRECONFIGURED_TENANT_ENV.label]?.trim() || DEFAULT_PRECONFIGURED_LABEL;
  return { label, baseUrl, clientId, clientSecret };
}

function loopbackBaseUrl(rawUrl: string): string {
  const name = PRECONFIGURED_TENANT_ENV.baseUrl;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new PreconfiguredTenantError(`${name} is not a URL: "${rawUrl}". Expected e.g. http://127.0.0.1:7100.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PreconfiguredTenantError(`${name} must be an http(s) URL, not ${url.protocol}//.`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new PreconfiguredTenantError(
      `${name} points to ${url.hostname}; only this machine (127.0.0.1, ::1, localhost) is accepted. ` +
        'Add a real tenant with "ISC: Add Tenant" instead, so its secret goes to SecretStorage.',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new PreconfiguredTenantError(`${name} must be a plain base URL without credentials, query or fragment.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new PreconfiguredTenantError(`${name} is not set: ${PRECONFIGURED_TENANT_ENV.baseUrl} needs a client id and secret beside it.`);
  }
  return value;
}
