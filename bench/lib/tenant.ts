// The credentials both clients get for a sandbox: the same base URL, client id and secret.
import type { TenantCredentials } from '../worker/protocol';
import type { RunningSandbox } from './meter';

export function sandboxCredentials(sandbox: RunningSandbox): TenantCredentials {
  return { baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
}
