// One list page of accounts made into the export's rows, as encoded bytes: what the export's
// worker thread does with each page (export-rows-worker.ts), so the accounts are parsed and
// formatted on the worker's small heap, never the extension host's. Pure: no vscode, no I/O.
import type { ReadItems, UnreadPage } from '../isc/api';
import { jsonArrayItems } from '../isc/json-array-items';
import { isListItem } from '../isc/response';
import type { Account } from '../isc/models';
import { accountCsvLine } from './account-csv';

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportRowsSpec {
  format: ExportFormat;
  /** CSV only: the attribute columns after the account fields. */
  attributes: readonly string[];
  /** Rows in this order of account ids, ids the page lacks reported missing; else the page's order. */
  order?: readonly string[];
}

export interface ExportRows {
  /** The rows, UTF-8, each ending in a newline. */
  text: Uint8Array;
  rows: number;
  /** Ids of `order` the page lacks. */
  missing: string[];
}

const encoder = new TextEncoder();
/** UTF-8 takes at most 3 bytes for each UTF-16 unit of a string. */
const MAX_UTF8_PER_UNIT = 3;

/**
 * The rows as UTF-8, encoded one by one into one buffer: joined first, a page would be one
 * string of up to MBs, which V8 frees only in a full collection.
 */
function encodeRows(rows: Iterable<string>): Uint8Array {
  let buffer = new Uint8Array(64 * 1024);
  let length = 0;
  for (const row of rows) {
    const room = length + row.length * MAX_UTF8_PER_UNIT;
    if (room > buffer.length) {
      const larger = new Uint8Array(Math.max(buffer.length * 2, room));
      larger.set(buffer.subarray(0, length));
      buffer = larger;
    }
    length += encoder.encodeInto(row, buffer.subarray(length)).written;
  }
  // A copy of its own, so it moves to the other thread whole.
  return buffer.slice(0, length);
}

function rowOf(account: Account, spec: ExportRowsSpec): string {
  return spec.format === 'csv' ? accountCsvLine(account, spec.attributes) : `${JSON.stringify(account)}\n`;
}

/** The bytes back when they are not a list page: one JSON array of objects, each with an id. */
export function exportRowsOf(bytes: Uint8Array, spec: ExportRowsSpec): ReadItems<ExportRows> | UnreadPage {
  const items = jsonArrayItems(bytes);
  if (!items || !items.every(isListItem)) return { unread: bytes };
  const accounts = items as unknown as Account[];
  const missing: string[] = [];
  let written = accounts;
  if (spec.order) {
    const byId = new Map(accounts.map((account) => [account.id, account]));
    written = [];
    for (const id of spec.order) {
      const account = byId.get(id);
      if (account) written.push(account);
      else missing.push(id);
    }
  }
  const text = encodeRows(written.map((account) => rowOf(account, spec)));
  return { count: accounts.length, value: { text, rows: written.length, missing } };
}
