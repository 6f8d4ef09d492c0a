// The one CSV writer (Export Activity and Export Accounts). RFC 4180: CRLF line ends, a field
// with a comma, quote or line break in double quotes, quotes doubled. Safe to open in a
// spreadsheet: a text cell that starts with =, +, -, @, a tab or a carriage return would be run
// as a formula, so it gets a leading apostrophe (OWASP's advice); so does a text that already
// starts with one, so that stripping one leading apostrophe always gives the text back (and a
// spreadsheet, which hides the first, shows it as it was). JSON numbers and booleans are written
// as they are: `-5` cannot carry a formula; the text "-5" gets the apostrophe like any text.
// Hand-written rather than a library: it is a few lines, shared by both exports, streams line by
// line into a file, and no dependency joins the bundle. No vscode here; imports nothing.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;
export const CSV_LINE_END = '\r\n';

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

/** One record as a whole line, CRLF included: what a streaming writer appends. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${csvRow(values)}${CSV_LINE_END}`;
}

/** A header row, then one row per record; every line ends with CRLF. */
export function toCsv<T>(columns: ReadonlyArray<{ header: string; value: (row: T) => CsvValue }>, rows: Iterable<T>): string {
  let text = csvLine(columns.map((column) => column.header));
  for (const row of rows) text += csvLine(columns.map((column) => column.value(row)));
  return text;
}
