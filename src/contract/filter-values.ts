// How a value is written in list-accounts' `filters`, as ISC documents it (developer.sailpoint.com,
// "Standard Collection Parameters"): strings in double quotes, where only `\"` and `\\` are
// escapes; booleans bare (true, false); date-times "in ISO-8601 format, as specified in RFC 3339",
// written bare (`created gt 2018-12-18T23:05:55Z`). The seeds and the OpenAPI documents have no
// date filter example; their date-time fields are all of that form (2015-05-28T14:07:17Z).
// RFC 3339 needs a time and a zone, so a date alone is refused, not guessed: midnight where?
import { ACCOUNT_FILTER_FIELDS, type AccountFilterField } from './list-accounts';

export type FilterInputValue = string | boolean | Date;

/** A value a field takes, in the spelling ISC documents (an enumerated value in its case). */
export type FilterFieldValue = string | boolean;

export type CheckedFilterValue = { ok: true; value: FilterFieldValue } | { ok: false; problem: string };

export const DATE_TIME_EXAMPLE = '2025-01-31T00:00:00Z';

const RFC_3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isRfc3339DateTime(text: string): boolean {
  return RFC_3339_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text));
}

export function quoteFilterString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** "A, B or C" */
export function listOfChoices(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function shown(value: FilterInputValue): string {
  return value instanceof Date ? value.toString() : JSON.stringify(value);
}

/** The value as `field` takes it (an enumerated value spelt as ISC writes it), or why it does not. */
export function checkFilterValue(field: AccountFilterField, value: FilterInputValue): CheckedFilterValue {
  const rule: { value: string; values?: readonly string[] } = ACCOUNT_FILTER_FIELDS[field];
  if (rule.value === 'boolean') {
    return typeof value === 'boolean' ? { ok: true, value } : { ok: false, problem: `"${field}" takes true or false (without quotes), not ${shown(value)}` };
  }
  if (rule.value === 'datetime') {
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? { ok: false, problem: `"${field}" takes a valid date, not an invalid Date` } : { ok: true, value: value.toISOString() };
    }
    if (typeof value === 'string' && isRfc3339DateTime(value)) return { ok: true, value };
    const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    const hint = dateOnly ? ' (a date alone has no time or time zone)' : '';
    return { ok: false, problem: `"${field}" takes an RFC 3339 date-time such as ${DATE_TIME_EXAMPLE}, not ${shown(value)}${hint}` };
  }
  if (typeof value !== 'string') return { ok: false, problem: `"${field}" takes a string in double quotes, not ${shown(value)}` };
  if (!rule.values) return { ok: true, value };
  // ISC compares strings ignoring case; the value is sent as the documents spell it.
  const known = rule.values.find((allowed) => allowed.toLowerCase() === value.toLowerCase());
  return known ? { ok: true, value: known } : { ok: false, problem: `"${field}" takes ${listOfChoices(rule.values)}, not ${shown(value)}` };
}

/**
 * A value written as ISC's filters take it for `field`: strings quoted and escaped, booleans
 * bare, date-times RFC 3339 and bare. Throws a RangeError for a value the field does not take.
 */
export function formatFilterValue(field: AccountFilterField, value: FilterInputValue): string {
  const checked = checkFilterValue(field, value);
  if (!checked.ok) throw new RangeError(checked.problem);
  if (typeof checked.value === 'boolean') return String(checked.value);
  return ACCOUNT_FILTER_FIELDS[field].value === 'datetime' ? checked.value : quoteFilterString(checked.value);
}
