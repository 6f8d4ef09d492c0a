// Create Account's two inputs in the in-VS-Code tests: the sandbox's flat file offers its
// account schema (Create shows the form), and `withoutAccountSchema` takes it away for a while
// (Create asks for key=value attributes, as on a tenant that offers none).
import type { SandboxHandle } from '../../src/sandbox';

export async function withoutAccountSchema<T>(sandbox: SandboxHandle, sourceId: string, body: () => Promise<T>): Promise<T> {
  const source = sandbox.tenant.source(sourceId);
  if (!source) throw new Error(`no source ${sourceId} in the sandbox`);
  const { accountSchemaId, modified } = source;
  sandbox.tenant.updateSource(sourceId, { accountSchemaId: null, modified });
  try {
    return await body();
  } finally {
    sandbox.tenant.updateSource(sourceId, { accountSchemaId, modified });
  }
}
