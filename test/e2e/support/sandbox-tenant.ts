// A sandbox running in the test's own process, handed to the extension as the `npm start`
// tenant (through its environment), so a test can choose data and read the ledger.
import type { SandboxHandle } from '../../../src/sandbox';
import { PRECONFIGURED_TENANT_ENV } from '../../../src/tenants/preconfigured';

export function sandboxTenantEnv(sandbox: SandboxHandle, label: string): Record<string, string> {
  return {
    [PRECONFIGURED_TENANT_ENV.baseUrl]: sandbox.baseUrl,
    [PRECONFIGURED_TENANT_ENV.clientId]: sandbox.clientId,
    [PRECONFIGURED_TENANT_ENV.clientSecret]: sandbox.clientSecret,
    [PRECONFIGURED_TENANT_ENV.label]: label,
  };
}
