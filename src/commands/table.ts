// The one table of commands: id → handler, merged from the per-group modules. package.json
// declares the same ids (a test in the real VS Code checks both ways).
import { accountCommands } from './account-commands';
import { activityCommands } from './activity-commands';
import { replaceAttributeCommands } from './attribute-commands';
import { bulkEditCommands } from './bulk-edit-commands';
import type { CommandContext, CommandGroup, CommandHandler } from './context';
import { correlationCommands } from './correlation-commands';
import { exportCommands } from './export-commands';
import { filterCommands } from './filter-commands';
import { findCommands } from './find-commands';
import { identityCommands } from './identity-commands';
import { identityViewCommands } from './identity-view-commands';
import { lifecycleCommands } from './lifecycle-commands';
import { sourceCommands } from './source-commands';
import { tenantCommands } from './tenant-commands';
import { viewCommands } from './view-commands';

const GROUPS: CommandGroup[] = [
  tenantCommands,
  viewCommands,
  findCommands,
  filterCommands,
  lifecycleCommands,
  accountCommands,
  replaceAttributeCommands(),
  bulkEditCommands,
  correlationCommands,
  sourceCommands,
  exportCommands,
  identityCommands,
  identityViewCommands,
  activityCommands,
];

export function commandTable(context: CommandContext): Map<string, CommandHandler> {
  const table = new Map<string, CommandHandler>();
  for (const group of GROUPS) {
    for (const [id, handler] of Object.entries(group(context))) {
      // Two handlers for one id would make which one runs an accident of order.
      if (table.has(id)) throw new Error(`Command ${id} is defined twice`);
      table.set(id, handler);
    }
  }
  return table;
}
