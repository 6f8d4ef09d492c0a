// What can come next in a filter being typed, from the contract: field names, the operators the
// typed field allows, its enumerated values or true/false, and/or after a condition; and the
// "did you mean" fix of a filter that does not parse. Each offer is the whole new text, so the
// input only has to put it in place.
import {
  ACCOUNT_FILTER_FIELDS,
  ACCOUNT_FILTER_FIELD_NAMES,
  DATE_TIME_EXAMPLE,
  isAccountFilterField,
  isFilterOperator,
  quoteFilterString,
  type AccountFilterField,
  type FilterFieldRule,
} from './filter-fields';
import { completeDateTime } from './filter-suggestions';
import { parseAccountFilter } from './filters';

export interface FilterCompletion {
  /** What is offered: `name`, `sw`, `"AGGREGATED"`, `true`, `and`, or a corrected filter. */
  label: string;
  description?: string;
  /** The whole filter once the offer is taken. */
  text: string;
}

/** Where the text stands in ISC's grammar after its complete tokens. */
type Expecting =
  | { kind: 'field' }
  | { kind: 'operator'; field: string }
  | { kind: 'value'; field: AccountFilterField }
  | { kind: 'list-open' | 'list-value' | 'list-next'; field: AccountFilterField }
  | { kind: 'connective' }
  | { kind: 'nothing' };

const TOKEN = /\s+|"(?:[^"\\]|\\.)*"?|[(),]|[^\s(),"]+/g;

function expectingAfter(tokens: string[]): Expecting {
  let state: Expecting = { kind: 'field' };
  for (const token of tokens) {
    state = next(state, token);
    if (state.kind === 'nothing') return state;
  }
  return state;
}

function next(state: Expecting, token: string): Expecting {
  switch (state.kind) {
    case 'field':
      if (token === 'not' || token === '(') return state;
      return /^[\w.]+$/.test(token) && !isFilterOperator(token) ? { kind: 'operator', field: token } : { kind: 'nothing' };
    case 'operator':
      if (!isAccountFilterField(state.field) || !isFilterOperator(token)) return { kind: 'nothing' };
      if (token === 'isnull') return { kind: 'connective' };
      return token === 'in' || token === 'ca' ? { kind: 'list-open', field: state.field } : { kind: 'value', field: state.field };
    case 'value':
      return { kind: 'connective' };
    case 'list-open':
      return token === '(' ? { kind: 'list-value', field: state.field } : { kind: 'nothing' };
    case 'list-value':
      return { kind: 'list-next', field: state.field };
    case 'list-next':
      return token === ',' ? { kind: 'list-value', field: state.field } : token === ')' ? { kind: 'connective' } : { kind: 'nothing' };
    case 'connective':
      return token === 'and' || token === 'or' ? { kind: 'field' } : token === ')' ? state : { kind: 'nothing' };
    case 'nothing':
      return state;
  }
}

interface Offer {
  label: string;
  description?: string;
  /** What follows the offer when taken (a space, or nothing inside a list). */
  then: string;
}

function valuesOf(field: AccountFilterField, then: string): Offer[] {
  const rule: FilterFieldRule = ACCOUNT_FILTER_FIELDS[field];
  if (rule.value === 'boolean') return ['true', 'false'].map((label) => ({ label, then }));
  if (rule.values) return rule.values.map((value) => ({ label: quoteFilterString(value), then }));
  return [];
}

function offers(state: Expecting, partial: string): Offer[] {
  switch (state.kind) {
    case 'field':
      return ACCOUNT_FILTER_FIELD_NAMES.map((field) => {
        const rule: FilterFieldRule = ACCOUNT_FILTER_FIELDS[field];
        const values = rule.values ? rule.values.join(' | ') : rule.value;
        return { label: field, description: `${values} · ${rule.operators.join(', ')}`, then: ' ' };
      });
    case 'operator':
      if (!isAccountFilterField(state.field)) return [];
      return ACCOUNT_FILTER_FIELDS[state.field].operators.map((operator) => ({
        label: operator,
        description: operator === 'in' ? 'one of a list: in ("a", "b")' : undefined,
        then: operator === 'in' ? ' (' : ' ',
      }));
    case 'value': {
      if (ACCOUNT_FILTER_FIELDS[state.field].value !== 'datetime') return valuesOf(state.field, ' ');
      const label = partial === '' ? `${new Date().toISOString().slice(0, 10)}T00:00:00Z` : completeDateTime(partial);
      return label ? [{ label, description: `an RFC 3339 date-time, e.g. ${DATE_TIME_EXAMPLE}`, then: ' ' }] : [];
    }
    case 'list-value':
      return valuesOf(state.field, '');
    case 'list-next':
      return [
        { label: ',', then: ' ' },
        { label: ')', then: ' ' },
      ];
    case 'connective':
      return ['and', 'or'].map((label) => ({ label, then: ' ' }));
    default:
      return [];
  }
}

/** The offers for the text typed so far, for its last (partly typed) word. */
export function filterCompletions(text: string): FilterCompletion[] {
  const tokens = text.match(TOKEN) ?? [];
  const last = tokens[tokens.length - 1];
  const typing = last !== undefined && !/^\s/.test(last) && !/^[(),]$/.test(last) && !(last.length > 1 && /^".*"$/.test(last));
  const partial = typing ? last : '';
  const before = text.slice(0, text.length - partial.length);
  const state = expectingAfter((typing ? tokens.slice(0, -1) : tokens).filter((token) => !/^\s/.test(token)));
  const separator = before === '' || /[\s(]$/.test(before) ? '' : ' ';
  const wanted = partial.toLowerCase();
  return offers(state, partial)
    .filter((offer) => offer.label.toLowerCase().startsWith(wanted))
    .map((offer) => ({ label: offer.label, description: offer.description, text: `${before}${separator}${offer.label}${offer.then}` }));
}

/** The filter with the parser's "did you mean" put in place, when it has one. */
export function filterCorrection(text: string): FilterCompletion | undefined {
  const check = parseAccountFilter(text);
  if (check.ok || check.suggestion === undefined) return undefined;
  const corrected = `${text.slice(0, check.position)}${check.suggestion}${text.slice(check.position + check.length)}`;
  return { label: corrected, description: 'did you mean', text: corrected };
}
