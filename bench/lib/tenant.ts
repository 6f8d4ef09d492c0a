// The credentials both clients get for a sandbox: the same base URL, client id and secret.
import type { TenantCredentials } from '../worker/protocol';
import type { RunningSandbox } from './meter';

export interface BenchTenant {
  credentials: TenantCredentials;
  close(): Promise<void>;
}

export async function benchTenant(sandbox: RunningSandbox): Promise<BenchTenant> {
  const credentials: TenantCredentials = { baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
  return { credentials, close: async () => undefined };
}
