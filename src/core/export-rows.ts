// One list page of accounts made into the export's rows, as encoded bytes: what the export's
// worker thread does with each page (export-rows-worker.ts), so the accounts are parsed and
// formatted on the worker's small heap, never the extension host's. Pure: no vscode, no I/O.
import type { ReadItems, UnreadPage } from '../isc/api';
import { jsonArrayItems } from '../isc/json-array-items';
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

export function rowOf(account: Account, spec: ExportRowsSpec): string {
  return spec.format === 'csv' ? accountCsvLine(account, spec.attributes) : `${JSON.stringify(account)}\n`;
}

function isAccount(item: unknown): item is Account {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && typeof (item as { id?: unknown }).id === 'string' && (item as { id: string }).id !== '';
}

/** The bytes back when they are not a list page: one JSON array of objects, each with an id. */
export function exportRowsOf(bytes: Uint8Array, spec: ExportRowsSpec): ReadItems<ExportRows> | UnreadPage {
  const items = jsonArrayItems(bytes);
  if (!items || !items.every(isAccount)) return { unread: bytes };
  const missing: string[] = [];
  let accounts: Account[] = items;
  if (spec.order) {
    const byId = new Map(items.map((account) => [account.id, account]));
    accounts = [];
    for (const id of spec.order) {
      const account = byId.get(id);
      if (account) accounts.push(account);
      else missing.push(id);
    }
  }
  let text = '';
  for (const account of accounts) text += rowOf(account, spec);
  return { count: items.length, value: { text: encoder.encode(text), rows: accounts.length, missing } };
}
