// Accounts as CSV rows: a fixed set of account fields, always there, then the attributes the
// person picked, each in a column headed `attributes.<name>` (so an attribute called "name"
// cannot be mistaken for the account's name). How a value becomes one cell:
// - a list (multi-valued attribute): its items joined by "; ", where an item's own "\" is
//   written "\\" and its own ";" is written "\;" (split on a ";" not after a "\", drop the one
//   space after it, then undo the two escapes, and the items are back exactly);
// - an object (or an object inside a list): its JSON text;
// - a number or boolean: as it is; null or absent: an empty cell.
// The CSV writer then quotes and neutralises formulas (src/formats/csv.ts). No vscode here.
import { csvLine, type CsvValue } from '../formats/csv';
import type { Account } from '../isc/models';

export const ACCOUNT_FIELD_COLUMNS: ReadonlyArray<{ header: string; value: (account: Account) => CsvValue }> = [
  { header: 'id', value: (a) => a.id },
  { header: 'name', value: (a) => a.name },
  { header: 'nativeIdentity', value: (a) => a.nativeIdentity },
  { header: 'sourceId', value: (a) => a.sourceId },
  { header: 'sourceName', value: (a) => a.sourceName },
  { header: 'identityId', value: (a) => a.identity?.id ?? a.identityId },
  { header: 'identityName', value: (a) => a.identity?.name },
  { header: 'disabled', value: (a) => a.disabled },
  { header: 'locked', value: (a) => a.locked },
  { header: 'uncorrelated', value: (a) => a.uncorrelated },
  { header: 'manuallyCorrelated', value: (a) => a.manuallyCorrelated },
  { header: 'created', value: (a) => a.created },
  { header: 'modified', value: (a) => a.modified },
];

export const MULTI_VALUE_SEPARATOR = '; ';

function itemText(item: unknown): string {
  if (item === null || item === undefined) return '';
  return typeof item === 'object' ? JSON.stringify(item) : String(item);
}

/** One attribute value as one cell, by the rules above. */
export function attributeCell(value: unknown): CsvValue {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    return value.map((item) => itemText(item).replace(/\\/g, '\\\\').replace(/;/g, '\\;')).join(MULTI_VALUE_SEPARATOR);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return value as CsvValue;
}

export function accountCsvHeader(attributes: readonly string[]): string {
  return csvLine([...ACCOUNT_FIELD_COLUMNS.map((column) => column.header), ...attributes.map((name) => `attributes.${name}`)]);
}

export function accountCsvLine(account: Account, attributes: readonly string[]): string {
  const fields = ACCOUNT_FIELD_COLUMNS.map((column) => column.value(account));
  return csvLine([...fields, ...attributes.map((name) => attributeCell(account.attributes?.[name]))]);
}

/** The attribute names found on these accounts, sorted: what the person picks columns from. */
export function attributesSeen(accounts: readonly Account[]): string[] {
  const names = new Set<string>();
  for (const account of accounts) for (const name of Object.keys(account.attributes ?? {})) names.add(name);
  return [...names].sort((a, b) => a.localeCompare(b));
}
