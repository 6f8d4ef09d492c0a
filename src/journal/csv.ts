// A small CSV writer (RFC 4180: CRLF line ends, a field with a comma, quote or line break in
// double quotes, quotes doubled), safe to open in a spreadsheet: a text cell that starts with
// =, +, -, @, a tab or a carriage return would be run as a formula, so it gets a leading
// apostrophe (OWASP's advice). Numbers and booleans are written as they are. Written here
// rather than taken from a library: it is a few lines, and the formula guard, the part that
// matters, is one that the common CSV libraries leave to the caller. No vscode here.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: empty for null and undefined; a formula-looking text neutralised; quoted when it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A header row, then one row per record; every line ends with CRLF. */
export function toCsv<T>(columns: ReadonlyArray<{ header: string; value: (row: T) => CsvValue }>, rows: Iterable<T>): string {
  const lines = [csvRow(columns.map((column) => column.header))];
  for (const row of rows) lines.push(csvRow(columns.map((column) => column.value(row))));
  return `${lines.join('\r\n')}\r\n`;
}
