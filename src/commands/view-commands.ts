// What the explorer shows: refresh, load more, find an account, and the log (filter and sort
// are in filter-commands.ts).
import type { ExplorerNode } from '../tree/node';
import type { PagedNode } from '../tree/paged-node';
import type { CommandContext, CommandGroup } from './context';
import { searchAccount } from './pickers';
import { resolveTenantTarget } from './targets';

function isExplorerNode(value: unknown): value is ExplorerNode {
  return !!value && typeof value === 'object' && typeof (value as ExplorerNode).getTreeItem === 'function';
}

/**
 * Reveals a loaded row. VS Code's extension host resolves the row among the children it cached
 * for the parent, which can be stale after a filter, sort or reload of that source; on a miss,
 * the parent is redrawn (dropping that cache, which VS Code does after a 200 ms debounce) and
 * the reveal tried once more. After that, the caller shows the JSON instead.
 */
async function revealWithRetry(ctx: CommandContext, node: ExplorerNode): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.treeView()?.reveal(node, { select: true, focus: true });
      return true;
    } catch (error) {
      ctx.log.warn(`Could not reveal ${node.id} (attempt ${attempt}): ${String(error)}`);
      if (attempt === 2 || !node.parent) return false;
      ctx.explorer.changed(node.parent);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Searches the tenant by name as you type; reveals the account if the tree has it, else opens its JSON. */
async function findAccount(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const tenant = await resolveTenantTarget(ctx, args, 'Find Account');
  const account = await searchAccount(ctx, tenant.id, `Find Account in ${tenant.label}`);
  const accountId = account.id ?? '';
  const node = ctx.explorer.accountNode(tenant.id, accountId, account.sourceId);
  if (node && (await revealWithRetry(ctx, node))) return node;
  // Not on a loaded page: rather than load pages until it shows up, show what ISC has.
  return ctx.documents.showAccount(tenant.id, tenant.label, accountId, account.name ?? accountId);
}

export const viewCommands: CommandGroup = (ctx) => ({
  'iscAccounts.refresh': (node) => ctx.explorer.refresh(isExplorerNode(node) ? node : undefined),
  'iscAccounts.loadMore': async (node) => {
    if (!isExplorerNode(node) || typeof (node as PagedNode).loadMore !== 'function') {
      throw new Error('Load More needs the source or account whose list to extend.');
    }
    await (node as PagedNode).loadMore();
  },
  'iscAccounts.showLog': () => ctx.log.show(),
  'iscAccounts.findAccount': (...args) => findAccount(ctx, args),
});
