// One ISC client per tenant, built from the tenant, its secret and the settings; rebuilt
// when any of them changes. The sandbox tenant is started on first use after a restart.
import * as vscode from 'vscode';
import type { IscApi, IscClientOptions } from '../isc/api';
import type { RedactingLogChannel } from '../ui/log';
import { loadIscClient } from './client-loader';
import { clientOptions, readSettings, type Credentials, type ExplorerSettings } from './client-settings';
import type { SandboxHost } from './sandbox-host';
import type { Tenant, TenantStore } from './tenant-store';

export class TenantClients implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<IscApi>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The tenant facts each cached client was built from, to notice edits. */
  private readonly builtFrom = new Map<string, Tenant>();

  constructor(
    private readonly store: TenantStore,
    private readonly sandbox: SandboxHost,
    private readonly log: RedactingLogChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('iscAccounts')) this.invalidate();
      }),
      store.onDidChange(() => this.dropStale()),
    );
  }

  settings(): ExplorerSettings {
    const config = vscode.workspace.getConfiguration('iscAccounts');
    return readSettings((key) => config.get(key));
  }

  tenant(id: string): Tenant {
    const tenant = this.store.get(id);
    if (!tenant) throw new Error(`The tenant "${id}" is no longer configured; it may have been removed.`);
    return tenant;
  }

  /** The client of a stored tenant; building it reads the secret from SecretStorage. */
  forTenant(id: string): Promise<IscApi> {
    let client = this.clients.get(id);
    if (!client) {
      client = this.build(id);
      this.clients.set(id, client);
      client.catch(() => this.clients.get(id) === client && this.clients.delete(id));
    }
    return client;
  }

  /** A client for credentials not saved yet (Add Tenant verifies them with it). */
  create(credentials: Credentials): IscApi {
    this.log.addSecret(credentials.clientSecret);
    const IscClient = loadIscClient();
    return new IscClient(clientOptions(credentials, this.settings(), this.clientLog()));
  }

  invalidate(id?: string): void {
    if (id === undefined) {
      this.clients.clear();
      this.builtFrom.clear();
    } else {
      this.clients.delete(id);
      this.builtFrom.delete(id);
    }
  }

  private async build(id: string): Promise<IscApi> {
    let tenant = this.tenant(id);
    if (tenant.sandbox && !this.sandbox.current()) tenant = await this.sandbox.connect();
    const secret = await this.store.getSecret(id);
    if (!secret) {
      throw new Error(`No client secret is stored for the tenant "${tenant.label}"; use Edit Tenant to enter it again.`);
    }
    this.builtFrom.set(id, tenant);
    return this.create({ baseUrl: tenant.baseUrl, clientId: tenant.clientId, clientSecret: secret });
  }

  /** Removed or edited tenants lose their cached client; the others keep theirs (and its token). */
  private dropStale(): void {
    const stored = new Map(this.store.list().map((tenant) => [tenant.id, tenant]));
    for (const [id, built] of [...this.builtFrom]) {
      const tenant = stored.get(id);
      if (!tenant || tenant.baseUrl !== built.baseUrl || tenant.clientId !== built.clientId) {
        this.clients.delete(id);
        this.builtFrom.delete(id);
      }
    }
  }

  private clientLog(): IscClientOptions['log'] {
    return (level, message) => this.log[level](message);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.clients.clear();
  }
}
