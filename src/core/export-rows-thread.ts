// The export's worker thread (bundled alone as dist/export-worker.js): each message is one list
// page's bytes, each answer its rows (export-rows.ts), the bytes moved, not copied, both ways.
// The heap it reports after each page is read by the bench (export-rows-worker.ts keeps the peak).
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { exportRowsOf } from './export-rows';
import type { ExportRowsAnswer, ExportRowsMessage } from './export-rows-worker';

const port = parentPort;
if (!port) throw new Error('export-rows-thread runs as a worker thread only');

port.on('message', ({ id, bytes, spec }: ExportRowsMessage) => {
  let answer: ExportRowsAnswer;
  try {
    const read = exportRowsOf(bytes, spec);
    answer = { id, read, heapUsed: getHeapStatistics().used_heap_size };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error), heapUsed: getHeapStatistics().used_heap_size };
  }
  const bytesBack = !answer.read ? undefined : 'unread' in answer.read ? answer.read.unread : answer.read.value.text;
  port.postMessage(answer, bytesBack ? [bytesBack.buffer as ArrayBuffer] : []);
});
