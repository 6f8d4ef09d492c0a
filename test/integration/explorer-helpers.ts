// Shared by the explorer's in-VS-Code tests: the extension's API, a sandbox tenant added
// through it, and small readers of tree nodes. Only types come from src/ (besides the
// sandbox): the nodes under test are the extension's own objects.
import * as vscode from 'vscode';
import { menuCommandsFor as menuCommandsIn, type MenuEntry } from '../../tools/testing/menu-when';
import type { IscAccountsApi } from '../../src/extension';
import { startSandbox, type SandboxAccount, type SandboxHandle, type SandboxOptions, type RequestLogEntry } from '../../src/sandbox';
import type { ExplorerNode } from '../../src/tree/node';

export type { ExplorerNode };

export async function extensionApi(): Promise<IscAccountsApi> {
  const extension = vscode.extensions.getExtension<IscAccountsApi>('isc-accounts.isc-accounts');
  if (!extension) throw new Error('extension isc-accounts.isc-accounts is not loaded');
  return extension.activate();
}

export interface SandboxTenantFixture {
  api: IscAccountsApi;
  sandbox: SandboxHandle;
  tenantId: string;
  label: string;
  close(): Promise<void>;
}

/** What the tenant's URL points at instead of the sandbox itself (a closed port, a rewriting proxy). */
export interface TenantFront {
  url: string;
  close(): Promise<void>;
}

/**
 * A small sandbox (600 accounts on the big source, 50 ms tasks) added as a tenant, as a user
 * would; `front` puts something else at the tenant's URL.
 */
export async function sandboxTenant(
  tenantId: string,
  options: SandboxOptions = {},
  front?: (sandbox: SandboxHandle) => Promise<TenantFront>,
): Promise<SandboxTenantFixture> {
  const api = await extensionApi();
  const sandbox = await startSandbox({ largeSourceAccounts: 600, taskDurationMs: 50, ...options });
  const before = await front?.(sandbox);
  const label = `Test ${tenantId}`;
  await api.tenants.save({ id: tenantId, label, baseUrl: before?.url ?? sandbox.baseUrl, clientId: sandbox.clientId }, sandbox.clientSecret);
  return {
    api,
    sandbox,
    tenantId,
    label,
    async close() {
      api.ui.stopAnswering();
      await api.tenants.remove(tenantId);
      api.clients.invalidate(tenantId);
      await before?.close();
      await sandbox.close();
    },
  };
}

export function item(node: ExplorerNode): vscode.TreeItem {
  return node.getTreeItem();
}

export function labelOf(node: ExplorerNode): string {
  const label = item(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function descriptionOf(node: ExplorerNode): string {
  const description = item(node).description;
  return typeof description === 'string' ? description : '';
}

export function contextOf(node: ExplorerNode): string {
  return item(node).contextValue ?? '';
}

export function children(api: IscAccountsApi, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return Promise.resolve(api.explorer.getChildren(node)).then((nodes) => nodes ?? []);
}

export async function tenantNode(fixture: SandboxTenantFixture): Promise<ExplorerNode> {
  const found = (await children(fixture.api)).find((node) => node.id === `tenant/${fixture.tenantId}`);
  if (!found) throw new Error(`tenant ${fixture.tenantId} is not in the tree`);
  return found;
}

export async function sourceNode(fixture: SandboxTenantFixture, sourceName: string): Promise<ExplorerNode> {
  const sources = await children(fixture.api, await tenantNode(fixture));
  const found = sources.find((node) => labelOf(node) === sourceName);
  if (!found) throw new Error(`no source "${sourceName}" among ${sources.map(labelOf).join(', ')}`);
  return found;
}

export async function accountNodes(fixture: SandboxTenantFixture, source: ExplorerNode): Promise<ExplorerNode[]> {
  return (await children(fixture.api, source)).filter((node) => contextOf(node).startsWith('account'));
}

/** The id of the account a node shows (the last part of its tree id). */
export function accountIdOf(node: ExplorerNode): string {
  return node.id.slice(node.id.lastIndexOf('/account/') + '/account/'.length);
}

export function accountListRequests(sandbox: SandboxHandle, since: number): RequestLogEntry[] {
  return sandbox
    .requestLog()
    .slice(since)
    .filter((entry) => entry.method === 'GET' && /\/accounts$/.test(entry.path));
}

export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/** Messages the extension showed (through its ui module) since the last `ui.answer`. */
export function notices(api: IscAccountsApi, level?: 'info' | 'warning' | 'error'): string[] {
  return api.ui.notices(level).map((entry) => entry.message ?? '');
}

/** The context-menu commands package.json offers for a contextValue (its `when` clauses evaluated). */
export function menuCommandsFor(contextValue: string): string[] {
  const extension = vscode.extensions.getExtension('isc-accounts.isc-accounts');
  return menuCommandsIn((extension?.packageJSON.contributes.menus['view/item/context'] ?? []) as MenuEntry[], contextValue);
}

/** Sets an `iscAccounts.*` setting for the tests (globally); returns a function that restores it. */
export async function withSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('iscAccounts');
  const before = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration('iscAccounts').update(key, before, vscode.ConfigurationTarget.Global);
  };
}

/** Picks accounts of a source, each at most once, so no test meets an account an earlier one changed. */
export function accountPicker(sandbox: () => SandboxHandle): {
  pick: (sourceId: string, condition: (a: SandboxAccount) => boolean) => SandboxAccount;
  used: Set<string>;
} {
  const used = new Set<string>();
  const pick = (sourceId: string, condition: (a: SandboxAccount) => boolean): SandboxAccount => {
    const found = sandbox().tenant.accountsOfSource(sourceId).find((a) => !used.has(a.id) && condition(a));
    if (!found) throw new Error('no such account left in the sandbox');
    used.add(found.id);
    return found;
  };
  return { pick, used };
}
