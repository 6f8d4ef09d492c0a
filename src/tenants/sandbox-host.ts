// The built-in sandbox tenant, run inside the extension host. The sandbox is a bundle of its
// own (dist/sandbox.js): the build rewrites this file's dynamic import of ../sandbox/index.js
// to import("./sandbox.js"), kept out of extension.js, so activation neither parses nor loads
// it and only connecting to the sandbox does. The build finds that import by its path and by
// this file's name: keep both.
import type * as Sandbox from '../sandbox';
import type { Tenant, TenantStore } from './tenant-store';

export const SANDBOX_TENANT_ID = 'sandbox';
export const SANDBOX_TENANT_LABEL = 'Sandbox tenant';

export type SandboxOptions = Parameters<typeof Sandbox.startSandbox>[0];
export type RunningSandbox = Awaited<ReturnType<typeof Sandbox.startSandbox>>;

/** Big enough to show paging and bulk work, with ISC's own rate limit. */
const DEFAULT_OPTIONS: SandboxOptions = {
  largeSourceAccounts: 25_000,
  rateLimit: { requests: 100, windowMs: 10_000 },
};

export class SandboxHost {
  private running: Promise<RunningSandbox> | undefined;

  constructor(
    private readonly store: TenantStore,
    private readonly log: (message: string) => void,
  ) {}

  /** The running sandbox, if one was started in this session. */
  current(): Promise<RunningSandbox> | undefined {
    return this.running;
  }

  /** Starts the sandbox once per session (later calls reuse it) and saves it as a tenant. */
  async connect(options?: SandboxOptions): Promise<Tenant> {
    if (!this.running) {
      const started = import('../sandbox/index.js').then((module) => module.startSandbox({ ...DEFAULT_OPTIONS, ...options }));
      this.running = started;
      started.then(
        (sandbox) => this.log(`Sandbox tenant running at ${sandbox.baseUrl}`),
        () => {
          if (this.running === started) this.running = undefined;
        },
      );
    }
    const sandbox = await this.running;
    const tenant: Tenant = {
      id: SANDBOX_TENANT_ID,
      label: SANDBOX_TENANT_LABEL,
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.clientId,
      sandbox: true,
    };
    const stored = this.store.get(SANDBOX_TENANT_ID);
    const secret = await this.store.getSecret(SANDBOX_TENANT_ID);
    if (!stored || stored.baseUrl !== tenant.baseUrl || stored.clientId !== tenant.clientId || secret !== sandbox.clientSecret) {
      await this.store.save(tenant, sandbox.clientSecret);
    }
    return tenant;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) await (await running).close();
  }
}
