// Wires the Activity view: the checks (Check Again, and settling what a reload or a crash cut
// off), the provider and its TreeView. Nothing is awaited: the journal is read, and what was
// cut off starts settling, in the background once activate() has returned.
import * as vscode from 'vscode';
import type { JournalStore } from '../journal/journal-store';
import type { TenantClients } from '../tenants/tenant-clients';
import type { TenantStore } from '../tenants/tenant-store';
import type { RedactingLogChannel } from '../ui/log';
import { ActivityChecks } from './activity-checks';
import type { ActivityNode } from './activity-node';
import { ACTIVITY_VIEW_ID, ActivityProvider } from './activity-provider';

export interface ActivityView {
  provider: ActivityProvider;
  treeView: vscode.TreeView<ActivityNode>;
  checks: ActivityChecks;
}

export function createActivityView(parts: {
  journal: JournalStore;
  tenants: TenantStore;
  clients: TenantClients;
  log: RedactingLogChannel;
}): ActivityView & vscode.Disposable {
  const { journal, tenants, clients, log } = parts;
  const checks = new ActivityChecks(journal, {
    client: (tenantId) => clients.forTenant(tenantId),
    // The read-back window of the settings, as for a change that is sent.
    window: () => ({ windowMs: clients.settings().readBackWindowSeconds * 1000 }),
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
  });
  const provider = new ActivityProvider(journal, checks, tenants);
  const treeView = vscode.window.createTreeView(ACTIVITY_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  // Even with the view closed, what a reload or a crash cut off is settled now.
  void provider.readAll().catch((error: unknown) => log.warn(`Activity: reading the journal failed: ${error instanceof Error ? error.message : String(error)}`));
  return {
    provider,
    treeView,
    checks,
    dispose() {
      treeView.dispose();
      provider.dispose();
      checks.dispose();
    },
  };
}
