// Showing a node of the explorer to the person: selected and focused (expanded if asked), with
// one retry for VS Code's stale cache of a parent's children.
import type { ExplorerNode } from '../tree/node';
import type { CommandContext } from './context';

/**
 * Reveals a loaded row. VS Code's extension host resolves the row among the children it cached
 * for the parent, which can be stale after a filter, sort or reload of that source; on a miss,
 * the parent is redrawn (dropping that cache, which VS Code does after a 200 ms debounce) and
 * the reveal tried once more. After that, the caller shows the JSON instead.
 */
export async function revealWithRetry(ctx: CommandContext, node: ExplorerNode, expand = false): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.treeView()?.reveal(node, { select: true, focus: true, expand });
      return true;
    } catch (error) {
      ctx.log.warn(`Could not reveal ${node.id} (attempt ${attempt}): ${String(error)}`);
      if (attempt === 2 || !node.parent) return false;
      ctx.explorer.changed(node.parent);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
