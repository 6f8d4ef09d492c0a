// Checks the attribute editor's rows before a patch is built, and says what is wrong per
// row and field in words a person can act on. It reports; it never throws.

/** One row of the editor's table; the webview sends it, so neither field is trusted. */
export interface AttributeEditRow {
  name: unknown;
  value: unknown;
}

export type AttributeEditCode =
  | 'name-not-text'
  | 'empty-name'
  | 'name-surrounding-space'
  | 'duplicate-name'
  | 'case-duplicate-name'
  | 'missing-value'
  | 'number-not-json'
  | 'list-item-not-text'
  | 'nested-object'
  | 'unsupported-value';

export interface AttributeEditMessage {
  /** Index into the rows given (0-based); the text says "row N" counting from 1. */
  row: number;
  field: 'name' | 'value';
  /** Errors block saving; warnings are shown but allowed. */
  severity: 'error' | 'warning';
  code: AttributeEditCode;
  message: string;
}

export interface AttributeEditReport {
  messages: AttributeEditMessage[];
  hasErrors: boolean;
}

export function validateAttributeEdits(rows: readonly AttributeEditRow[]): AttributeEditReport {
  const messages = [...rows.flatMap(checkName), ...checkDuplicates(rows), ...rows.flatMap(checkValue)];
  messages.sort((a, b) => a.row - b.row || (a.field === b.field ? 0 : a.field === 'name' ? -1 : 1));
  return { messages, hasErrors: messages.some((message) => message.severity === 'error') };
}

function message(
  row: number,
  field: AttributeEditMessage['field'],
  severity: AttributeEditMessage['severity'],
  code: AttributeEditCode,
  text: string,
): AttributeEditMessage {
  return { row, field, severity, code, message: text };
}

function checkName(row: AttributeEditRow, index: number): AttributeEditMessage[] {
  const { name } = row;
  if (typeof name !== 'string') {
    return [message(index, 'name', 'error', 'name-not-text', `Row ${index + 1}: the attribute name must be text.`)];
  }
  if (name.trim() === '') {
    return [message(index, 'name', 'error', 'empty-name', `Row ${index + 1}: the attribute name is empty.`)];
  }
  if (name !== name.trim()) {
    return [
      message(
        index,
        'name',
        'warning',
        'name-surrounding-space',
        `"${name}" starts or ends with a space; ISC keeps it, so it names a different attribute than "${name.trim()}".`,
      ),
    ];
  }
  return [];
}

/**
 * Exact duplicates are errors: a map cannot hold both, so one row would be lost silently.
 * Names that differ only in case are warnings: JSON Patch sees two attributes, but ISC
 * treats attribute names case-insensitively in practice, so on the server one value would
 * overwrite the other. Case is folded with toLowerCase(); it parts from Java's
 * equalsIgnoreCase only on rare letters (Turkish dotted I), and a warning costs little.
 */
function checkDuplicates(rows: readonly AttributeEditRow[]): AttributeEditMessage[] {
  const exact = groupRows(rows, (name) => name);
  const folded = groupRows(rows, (name) => name.toLowerCase());
  const messages: AttributeEditMessage[] = [];
  for (const [name, indexes] of exact) {
    if (indexes.length < 2) continue;
    for (const index of indexes) {
      const others = rowList(indexes.filter((other) => other !== index));
      messages.push(
        message(index, 'name', 'error', 'duplicate-name', `"${name}" is used more than once (also on ${others}).`),
      );
    }
  }
  for (const indexes of folded.values()) {
    const spellings = new Set(indexes.map((index) => rows[index].name as string));
    if (spellings.size < 2) continue;
    for (const index of indexes) {
      const name = rows[index].name as string;
      const others = indexes.filter((other) => rows[other].name !== name);
      const otherNames = [...new Set(others.map((other) => `"${rows[other].name as string}"`))].join(', ');
      messages.push(
        message(
          index,
          'name',
          'warning',
          'case-duplicate-name',
          `"${name}" differs only in case from ${otherNames} (${rowList(others)}); ISC treats attribute names ` +
            'case-insensitively, so one value would overwrite the other.',
        ),
      );
    }
  }
  return messages;
}

/** Rows with a usable name (text, not blank), grouped by `key(name)`, in row order. */
function groupRows(rows: readonly AttributeEditRow[], key: (name: string) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  rows.forEach(({ name }, index) => {
    if (typeof name !== 'string' || name.trim() === '') return;
    const group = groups.get(key(name));
    if (group) group.push(index);
    else groups.set(key(name), [index]);
  });
  return groups;
}

function rowList(indexes: readonly number[]): string {
  const numbers = indexes.map((index) => index + 1);
  return numbers.length === 1 ? `row ${numbers[0]}` : `rows ${numbers.join(', ')}`;
}

const SHAPES = 'text, a number, true/false, empty (null), or a list of text';

/**
 * Flat-file attribute values are single values or lists of strings (multi-valued columns);
 * anything nested has no column to go to, and NaN or Infinity cannot be written as JSON.
 */
function checkValue({ name, value }: AttributeEditRow, index: number): AttributeEditMessage[] {
  const label = typeof name === 'string' && name.trim() !== '' ? `"${name}"` : `row ${index + 1}`;
  const fail = (code: AttributeEditCode, text: string): AttributeEditMessage[] => [
    message(index, 'value', 'error', code, `The value of ${label} ${text}`),
  ];
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return [];
    case 'undefined':
      return fail('missing-value', `is missing; use null for an empty value.`);
    case 'number':
      return Number.isFinite(value) ? [] : fail('number-not-json', `is ${String(value)}, which JSON cannot carry.`);
    case 'object': {
      if (value === null) return [];
      if (Array.isArray(value)) {
        const bad = Array.from(value).findIndex((item) => typeof item !== 'string');
        if (bad === -1) return [];
        return fail(
          'list-item-not-text',
          `has item ${bad + 1} of type ${describe(value[bad])}; multi-valued attributes hold text only.`,
        );
      }
      return fail('nested-object', `is an object; attributes hold ${SHAPES}.`);
    }
    default:
      return fail('unsupported-value', `is a ${typeof value}; attributes hold ${SHAPES}.`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
