// Account actions that are not lifecycle toggles: delete (flat file) and remove from ISC, on
// one account or a selection; show JSON, show entitlements, copy id.
import * as vscode from 'vscode';
import type { Entitlement } from '../isc/models';
import { isFlatFileSource } from '../isc/source-kind';
import { AccountNode } from '../tree/account-node';
import { walkPages } from '../isc/paging';
import type { ChangeReport } from '../core/change-report';
import { errorMessage } from '../ui/error-text';
import { accountCount, confirmAndRunBulk } from './account-bulk';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { refuseWhileInFlight } from './in-flight';
import { markPending, refreshSourceRows, sourcesOf } from './tree-refresh';
import {
  accountJournalTarget,
  accountRowOfTarget,
  requireFlatFileAccount,
  resolveAccountTarget,
  resolveAccountTargets,
  rowOfTarget,
  sourceOfTarget,
  targetLabel,
  type AccountTarget,
} from './targets';

/** `"A"`, `"A" and "B"`, `"A", "B" and "C"`. */
function quotedNames(names: string[]): string {
  const quoted = [...new Set(names)].map((name) => `"${name}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

async function deleteAccount(ctx: CommandContext, args: unknown[]): Promise<ChangeReport | undefined> {
  const targets = await resolveAccountTargets(ctx, args, 'Delete Account');
  if (targets.length > 1) return deleteAccounts(ctx, targets);
  const [target] = targets;
  refuseWhileInFlight(ctx, target, 'Delete');
  const source = await requireFlatFileAccount(ctx, target, 'Delete');
  const account = await accountRowOfTarget(ctx, target);
  const label = targetLabel(target);
  const confirmed = await ctx.ui.confirm({
    message: `Delete the account "${label}" (${account.nativeIdentity}) from the flat-file source "${source.name}"?`,
    detail: 'ISC deletes the account record. The next import of the file brings it back if it is still in the file.',
    confirm: 'Delete',
  });
  if (!confirmed) return undefined;
  const sources = sourcesOf(ctx, [target]);
  const done = markPending(ctx, target, 'Delete');
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

/** Delete works only on flat-file accounts: the others in the selection are skipped, saying so. */
async function deleteAccounts(ctx: CommandContext, targets: AccountTarget[]): Promise<ChangeReport | undefined> {
  const sourceNames = new Map<AccountTarget, string>();
  const notFlatFile = new Map<AccountTarget, string>();
  await Promise.all(
    targets.map(async (target) => {
      try {
        const source = await sourceOfTarget(ctx, target);
        if (isFlatFileSource(source)) sourceNames.set(target, source.name);
        else notFlatFile.set(target, `it is on "${source.name}", not on a flat-file source`);
      } catch (error) {
        notFlatFile.set(target, `it could not be read (${errorMessage(error)})`);
      }
    }),
  );
  return confirmAndRunBulk(
    ctx,
    targets,
    {
      title: 'Delete accounts',
      progressVerb: 'Deleting',
      past: 'deleted',
      pending: 'Delete',
      skip: (target) => notFlatFile.get(target),
      spec: (target) => ({ kind: 'delete', accountId: target.accountId }),
    },
    (toSend) => {
      const names = toSend.map((target) => sourceNames.get(target) ?? '');
      return {
        message: `Delete ${accountCount(toSend.length)} from the flat-file ${new Set(names).size === 1 ? 'source' : 'sources'} ${quotedNames(names)}?`,
        detail: 'ISC deletes the account records. The next import of the file brings back those still in it.',
        confirm: 'Delete',
      };
    },
  );
}

async function removeAccount(ctx: CommandContext, args: unknown[]): Promise<ChangeReport | undefined> {
  const targets = await resolveAccountTargets(ctx, args, 'Remove Account from ISC');
  if (targets.length > 1) return removeAccounts(ctx, targets);
  const [target] = targets;
  refuseWhileInFlight(ctx, target, 'Remove');
  const account = await accountRowOfTarget(ctx, target);
  const label = targetLabel(target);
  const confirmed = await ctx.ui.confirm({
    message: `Remove the account "${label}" (${account.nativeIdentity}) of "${account.sourceName ?? account.sourceId}" from ISC?`,
    detail: 'Nothing is changed on the source itself; the next aggregation may bring the account back.',
    confirm: 'Remove',
  });
  if (!confirmed) return undefined;
  const sources = sourcesOf(ctx, [target]);
  const done = markPending(ctx, target, 'Remove from ISC');
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

async function removeAccounts(ctx: CommandContext, targets: AccountTarget[]): Promise<ChangeReport | undefined> {
  return confirmAndRunBulk(
    ctx,
    targets,
    {
      title: 'Remove accounts from ISC',
      progressVerb: 'Removing',
      past: 'removed from ISC',
      pending: 'Remove from ISC',
      spec: (target) => ({ kind: 'remove', accountId: target.accountId }),
    },
    (toSend) => {
      const names = toSend.map((target) => rowOfTarget(target)?.sourceName ?? rowOfTarget(target)?.sourceId ?? '').filter(Boolean);
      const of = names.length === toSend.length ? ` of ${quotedNames(names)}` : '';
      return {
        message: `Remove ${accountCount(toSend.length)}${of} from ISC?`,
        detail: 'Nothing is changed on the sources themselves; the next aggregation may bring the accounts back.',
        confirm: 'Remove',
      };
    },
  );
}

async function showJson(ctx: CommandContext, args: unknown[]): Promise<vscode.TextDocument> {
  const target = await resolveAccountTarget(ctx, args, 'Show Account JSON');
  const tenant = ctx.clients.tenant(target.tenantId);
  return ctx.documents.showAccount(target.tenantId, tenant.label, target.accountId, targetLabel(target));
}

/** From the tree: expands the account's row. Otherwise: a list of all its entitlements. */
async function showEntitlements(ctx: CommandContext, args: unknown[]): Promise<readonly Entitlement[]> {
  const target = await resolveAccountTarget(ctx, args, 'Show Entitlements');
  const view = ctx.treeView();
  // Only a click on the row expands it; the palette lists every entitlement, loaded in the tree or not.
  if (args[0] instanceof AccountNode && target.node && view) {
    await view.reveal(target.node, { expand: true, select: true, focus: true });
    return target.node.loadedEntitlements();
  }
  const label = targetLabel(target);
  const entitlements = await allEntitlements(ctx, target, label);
  if (entitlements.length === 0) {
    void ctx.ui.notify('info', `"${label}" has no entitlements.`);
    return entitlements;
  }
  await ctx.ui.pick({
    title: `Entitlements of ${label} (${entitlements.length})`,
    placeHolder: 'Type to filter',
    items: entitlements.map((e) => ({
      label: e.name ?? e.value ?? e.id ?? '(unnamed)',
      description: e.attribute && e.value ? `${e.attribute} = ${e.value}` : e.value,
      detail: e.description ?? undefined,
      value: e,
    })),
  });
  return entitlements;
}

/** Every page of the account's entitlements, with a progress that counts them and can be cancelled. */
async function allEntitlements(ctx: CommandContext, target: AccountTarget, label: string): Promise<Entitlement[]> {
  const client = await ctx.clients.forTenant(target.tenantId);
  return ctx.ui.progress(`Loading the entitlements of ${label}`, async (signal, report) => {
    const fetchPage = (offset: number, limit: number, count: boolean, pageSignal: AbortSignal) =>
      client.listAccountEntitlements(target.accountId, { offset, limit, count, signal: pageSignal });
    const entitlements: Entitlement[] = [];
    const pages = walkPages(fetchPage, { startOffset: 0, pageSize: 250, concurrency: ctx.clients.settings().concurrency, signal });
    for await (const page of pages) {
      entitlements.push(...page.items);
      report(page.totalCount === undefined ? `${entitlements.length}…` : `${entitlements.length} of ${page.totalCount}`);
    }
    return entitlements;
  });
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
