// Single-account actions that are not lifecycle toggles: delete (flat file), remove from
// ISC, show JSON, show entitlements, copy id.
import * as vscode from 'vscode';
import type { Entitlement } from '../isc/models';
import type { ChangeReport } from '../core/change-report';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { markPending, refreshSourceRows, sourcesOf } from './tree-refresh';
import { accountJournalTarget, accountOfTarget, requireFlatFileAccount, resolveAccountTarget, targetLabel } from './targets';

async function deleteAccount(ctx: CommandContext, args: unknown[]): Promise<ChangeReport | undefined> {
  const target = await resolveAccountTarget(ctx, args, 'Delete Account');
  const source = await requireFlatFileAccount(ctx, target, 'Delete');
  const account = await accountOfTarget(ctx, target);
  const label = targetLabel(target);
  const confirmed = await ctx.ui.confirm({
    message: `Delete the account "${label}" (${account.nativeIdentity}) from the flat-file source "${source.name}"?`,
    detail: 'ISC deletes the account record. The next import of the file brings it back if it is still in the file.',
    confirm: 'Delete',
  });
  if (!confirmed) return undefined;
  const sources = sourcesOf(ctx, [target]);
  const done = markPending(ctx, target);
  try {
    return await runSingleChange(ctx, {
      title: `Deleting ${label}`,
      past: 'deleted',
      subject: { tenantId: target.tenantId, accountId: target.accountId, sourceId: account.sourceId, label },
      spec: { kind: 'delete', accountId: target.accountId },
      target: accountJournalTarget(target, account),
    });
  } finally {
    done();
    await Promise.all(sources.map((node) => refreshSourceRows(ctx, node)));
  }
}

async function removeAccount(ctx: CommandContext, args: unknown[]): Promise<ChangeReport | undefined> {
  const target = await resolveAccountTarget(ctx, args, 'Remove Account from ISC');
  const account = await accountOfTarget(ctx, target);
  const label = targetLabel(target);
  const confirmed = await ctx.ui.confirm({
    message: `Remove the account "${label}" (${account.nativeIdentity}) of "${account.sourceName ?? account.sourceId}" from ISC?`,
    detail: 'Nothing is changed on the source itself; the next aggregation may bring the account back.',
    confirm: 'Remove',
  });
  if (!confirmed) return undefined;
  const sources = sourcesOf(ctx, [target]);
  const done = markPending(ctx, target);
  try {
    return await runSingleChange(ctx, {
      title: `Removing ${label} from ISC`,
      past: 'removed from ISC',
      subject: { tenantId: target.tenantId, accountId: target.accountId, sourceId: account.sourceId, label },
      spec: { kind: 'remove', accountId: target.accountId },
      target: accountJournalTarget(target, account),
    });
  } finally {
    done();
    await Promise.all(sources.map((node) => refreshSourceRows(ctx, node)));
  }
}

async function showJson(ctx: CommandContext, args: unknown[]): Promise<vscode.TextDocument> {
  const target = await resolveAccountTarget(ctx, args, 'Show Account JSON');
  const tenant = ctx.clients.tenant(target.tenantId);
  return ctx.documents.showAccount(target.tenantId, tenant.label, target.accountId, targetLabel(target));
}

/** From the tree: expands the account's row. Otherwise: a list of its entitlements. */
async function showEntitlements(ctx: CommandContext, args: unknown[]): Promise<readonly Entitlement[]> {
  const target = await resolveAccountTarget(ctx, args, 'Show Entitlements');
  const view = ctx.treeView();
  if (target.node && view) {
    await view.reveal(target.node, { expand: true, select: true, focus: true });
    return target.node.loadedEntitlements();
  }
  const client = await ctx.clients.forTenant(target.tenantId);
  const page = await client.listAccountEntitlements(target.accountId, { limit: 250, count: true });
  const label = targetLabel(target);
  if (page.items.length === 0) {
    void ctx.ui.notify('info', `"${label}" has no entitlements.`);
    return page.items;
  }
  const more = page.totalCount !== undefined && page.totalCount > page.items.length ? ` (first ${page.items.length} of ${page.totalCount})` : '';
  await ctx.ui.pick({
    title: `Entitlements of ${label}${more}`,
    placeHolder: 'Type to filter',
    items: page.items.map((e) => ({
      label: e.name ?? e.value ?? e.id ?? '(unnamed)',
      description: e.attribute && e.value ? `${e.attribute} = ${e.value}` : e.value,
      detail: e.description ?? undefined,
      value: e,
    })),
  });
  return page.items;
}

async function copyId(ctx: CommandContext, args: unknown[]): Promise<string> {
  const target = await resolveAccountTarget(ctx, args, 'Copy Account Id');
  await vscode.env.clipboard.writeText(target.accountId);
  vscode.window.setStatusBarMessage(`Copied the id of ${targetLabel(target)}: ${target.accountId}`, 4000);
  return target.accountId;
}

export const accountCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.delete': (...args) => deleteAccount(ctx, args),
  'iscAccounts.account.remove': (...args) => removeAccount(ctx, args),
  'iscAccounts.account.showJson': (...args) => showJson(ctx, args),
  'iscAccounts.account.showEntitlements': (...args) => showEntitlements(ctx, args),
  'iscAccounts.account.copyId': (...args) => copyId(ctx, args),
});
