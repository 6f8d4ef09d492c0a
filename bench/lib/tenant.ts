// The credentials both clients get for a sandbox, with the token shim in front of the SDK's
// token request when the sandbox still needs it (see token-shim.ts).
import type { TenantCredentials } from '../worker/protocol';
import type { RunningSandbox } from './meter';
import { acceptsMultipartToken, startTokenShim } from './token-shim';

export interface BenchTenant {
  credentials: TenantCredentials;
  /** Set when the shim is in use: said under the table. */
  note?: string;
  close(): Promise<void>;
}

export async function benchTenant(sandbox: RunningSandbox): Promise<BenchTenant> {
  const credentials: TenantCredentials = { baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
  if (await acceptsMultipartToken(sandbox.baseUrl, sandbox.clientId, sandbox.clientSecret)) {
    return { credentials, close: async () => undefined };
  }
  const shim = await startTokenShim(sandbox.baseUrl);
  return {
    credentials: { ...credentials, sdkTokenUrl: shim.tokenUrl },
    note:
      "The sandbox's token endpoint does not read multipart/form-data bodies, which is how the SDK asks for its token (ISC accepts them); a loopback shim re-encodes that one request per SDK run as a url-encoded form. API calls are not affected.",
    close: () => shim.close(),
  };
}
