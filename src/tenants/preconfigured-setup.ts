// Adds the tenant `npm start` hands over through the environment. Called without awaiting, so
// activation never waits on SecretStorage; a fixed id makes each start replace the last one.
import { preconfiguredTenantFromEnv, type PreconfiguredTenant } from './preconfigured';
import type { TenantStore } from './tenant-store';

export const PRECONFIGURED_TENANT_ID = 'npm-start';

export async function addPreconfiguredTenant(
  tenants: TenantStore,
  env: NodeJS.ProcessEnv,
  report: { secret(secret: string): void; error(message: string): void },
): Promise<PreconfiguredTenant | undefined> {
  let preset: PreconfiguredTenant | undefined;
  try {
    preset = preconfiguredTenantFromEnv(env);
  } catch (error) {
    report.error(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  if (!preset) return undefined;
  report.secret(preset.clientSecret);
  // Not a `sandbox: true` tenant: that would start an in-process sandbox instead of using the
  // one npm start runs.
  await tenants.save({ id: PRECONFIGURED_TENANT_ID, label: preset.label, baseUrl: preset.baseUrl, clientId: preset.clientId }, preset.clientSecret);
  return preset;
}
