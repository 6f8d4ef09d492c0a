// Tenants the user added: their non-secret facts in globalState, each client secret only in
// SecretStorage (never in settings, globalState, logs or error messages).
import * as vscode from 'vscode';

export interface Tenant {
  /** Stable id used in tree ids and secret keys. */
  id: string;
  label: string;
  baseUrl: string;
  clientId: string;
  /** The built-in sandbox tenant: restarted on demand, its URL changes per session. */
  sandbox?: boolean;
}

const TENANTS_KEY = 'iscAccounts.tenants';
const secretKey = (tenantId: string) => `iscAccounts.clientSecret.${tenantId}`;

function isTenant(value: unknown): value is Tenant {
  if (!value || typeof value !== 'object') return false;
  const t = value as Record<string, unknown>;
  return ['id', 'label', 'baseUrl', 'clientId'].every((key) => typeof t[key] === 'string');
}

/** A readable, unique id: the label's letters, with a number when taken. */
export function tenantIdFor(label: string, taken: ReadonlySet<string>): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'tenant';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export class TenantStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a tenant is added, edited or removed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  list(): Tenant[] {
    const stored = this.state.get<unknown[]>(TENANTS_KEY, []);
    return Array.isArray(stored) ? stored.filter(isTenant) : [];
  }

  get(id: string): Tenant | undefined {
    return this.list().find((tenant) => tenant.id === id);
  }

  newId(label: string): string {
    return tenantIdFor(label, new Set(this.list().map((tenant) => tenant.id)));
  }

  async getSecret(id: string): Promise<string | undefined> {
    return this.secrets.get(secretKey(id));
  }

  /** Adds or replaces the tenant with this id; the secret goes to SecretStorage only. */
  async save(tenant: Tenant, clientSecret?: string): Promise<void> {
    const clean: Tenant = {
      id: tenant.id,
      label: tenant.label,
      baseUrl: tenant.baseUrl,
      clientId: tenant.clientId,
      ...(tenant.sandbox ? { sandbox: true } : {}),
    };
    if (clientSecret !== undefined) await this.secrets.store(secretKey(tenant.id), clientSecret);
    const others = this.list().filter((t) => t.id !== tenant.id);
    const index = this.list().findIndex((t) => t.id === tenant.id);
    const next = [...others];
    next.splice(index < 0 ? next.length : index, 0, clean);
    await this.state.update(TENANTS_KEY, next);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.secrets.delete(secretKey(id));
    await this.state.update(
      TENANTS_KEY,
      this.list().filter((tenant) => tenant.id !== id),
    );
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
