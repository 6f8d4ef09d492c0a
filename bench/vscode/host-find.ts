// The Find step of the bench module in the extension host: adds the bench tenant and lists its
// sources (as a person who has the explorer open: the token is held), then opens Find Account
// through its command, once per query. The bench types into the real quick pick from the
// browser (bench/vscode/find-typing.ts) and closes it with Escape, which ends each command.
import * as vscode from 'vscode';
import type { HostBenchConfig, HostFindResult } from './protocol';

interface ExplorerNode {
  id: string;
}
interface FindApi {
  tenants: { save(tenant: { id: string; label: string; baseUrl: string; clientId: string }, clientSecret: string): Promise<void> };
  explorer: { getChildren(node?: ExplorerNode): vscode.ProviderResult<ExplorerNode[]> };
}

const TENANT_ID = 'bench-find';
// The tree counts each source's accounts in the background once the sources are listed: let
// those requests pass, so that they are not counted against the first query.
const BACKGROUND_SETTLE_MS = 3_000;

export async function findInHost(api: FindApi, config: NonNullable<HostBenchConfig['find']>): Promise<HostFindResult> {
  await api.tenants.save({ id: TENANT_ID, label: 'Bench Find tenant', baseUrl: config.baseUrl, clientId: config.clientId }, config.clientSecret);
  const tenant = ((await api.explorer.getChildren()) ?? []).find((node) => node.id === `tenant/${TENANT_ID}`);
  if (!tenant) throw new Error('the bench tenant is not in the tree');
  await api.explorer.getChildren(tenant);
  await new Promise((resolve) => setTimeout(resolve, BACKGROUND_SETTLE_MS));
  const readyAt = Date.now();
  const returned: Array<string | null> = [];
  for (let query = 0; query < config.queries; query++) {
    const result = await vscode.commands.executeCommand<unknown>('iscAccounts.findAccount', TENANT_ID);
    returned.push(result === undefined ? null : String(result));
  }
  return { readyAt, returned };
}
