// Entry of the bench's worker process: reads one task, runs it, writes its result as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { firstPage } from './first-page';
import { oursBulk, oursList } from './ours';
import type { WorkerResult, WorkerTask } from './protocol';
import { oursBulkEdit } from './ours-bulk-edit';
import { sdkBulk, sdkBulkEdit, sdkExport, sdkFind, sdkList } from './sdk';

async function main(): Promise<void> {
  const task = JSON.parse(readFileSync(process.argv[2], 'utf8')) as WorkerTask;
  let result: WorkerResult;
  if (task.kind === 'export') result = await sdkExport(task);
  else if (task.kind === 'first-page') result = await firstPage(task);
  else if (task.kind === 'find') result = await sdkFind(task);
  else if (task.kind === 'list') result = task.impl === 'ours' ? await oursList(task) : await sdkList(task);
  else if (task.kind === 'bulk-edit') result = task.impl === 'ours' ? await oursBulkEdit(task) : await sdkBulkEdit(task);
  else result = task.impl === 'ours' ? await oursBulk(task) : await sdkBulk(task);
  writeFileSync(task.resultFile!, JSON.stringify(result));
}

main().then(
  // Keep-alive sockets would hold the process open; the result is written, so end it.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
