// What the explorer shows: refresh, load more, and the log (find is in find-commands.ts,
// filter and sort in filter-commands.ts).
import type { ExplorerNode } from '../tree/node';
import { refreshTreeNode } from './tree-refresh';
import type { PagedNode } from '../tree/paged-node';
import type { CommandContext, CommandGroup } from './context';

function isExplorerNode(value: unknown): value is ExplorerNode {
  return !!value && typeof value === 'object' && typeof (value as ExplorerNode).getTreeItem === 'function';
}

export const viewCommands: CommandGroup = (ctx: CommandContext) => ({
  'iscAccounts.refresh': (node) => refreshTreeNode(ctx, isExplorerNode(node) ? node : undefined),
  'iscAccounts.loadMore': async (node) => {
    if (!isExplorerNode(node) || typeof (node as PagedNode).loadMore !== 'function') {
      throw new Error('Load More needs the source or account whose list to extend.');
    }
    await (node as PagedNode).loadMore();
  },
  'iscAccounts.showLog': () => ctx.log.show(),
});
