// ISC's `filters` syntax (V3 standard collection parameters): `field op value` terms joined
// with `and`/`or`, negated with `not`, grouped with parentheses. Strings are double-quoted with
// `\"` and `\\` escapes; date-times are RFC 3339 and bare; `in`/`ca` take a parenthesised list;
// `field isnull` and `pr field` take nothing (`pr` comes first, as ISC's table writes it:
// `pr accountRequestInfo`). `and` binds tighter than `or`. Keywords and operators are lowercase,
// as ISC documents them; there is no `null` value (isnull and pr ask that).
// This is the sandbox's own parser, written apart from the client's (src/isc/filter-parser.ts)
// on purpose: playing ISC, it checks the client's filters independently, so one misreading of
// the syntax cannot hide in both. Only the list of fields and operators is shared
// (src/contract/list-accounts.ts).

/** A bare date-time, kept apart from a quoted string: only date-time fields take one. */
export interface DateTimeValue {
  dateTime: string;
}

export type FilterValue = string | number | boolean | DateTimeValue;

export const VALUE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'gt', 'ge', 'lt', 'le'] as const;
export const LIST_OPERATORS = ['in', 'ca'] as const;
export const UNARY_OPERATORS = ['isnull', 'pr'] as const;

export type FilterOperator =
  | (typeof VALUE_OPERATORS)[number]
  | (typeof LIST_OPERATORS)[number]
  | (typeof UNARY_OPERATORS)[number];

export type FilterNode =
  | { kind: 'and' | 'or'; operands: FilterNode[] }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'condition'; field: string; operator: FilterOperator; values: FilterValue[] };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'datetime'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: '(' | ')' | ','; at: number }
  | { type: 'end'; at: number };

const ALL_OPERATORS: readonly string[] = [...VALUE_OPERATORS, ...LIST_OPERATORS, ...UNARY_OPERATORS];

export function parseFilter(text: string): FilterNode {
  const parser = new Parser(tokenize(text));
  const node = parser.parseOr();
  parser.expectEnd();
  return node;
}

/** RFC 3339 (ISC: "ISO-8601 format, as specified in RFC 3339"): time and zone required. */
export const RFC_3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}[\dT:.Z+-]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, at: i });
      i++;
    } else if (ch === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(`unterminated string starting at position ${start + 1}`, start + 1);
        const c = text[i];
        if (c === '"') break;
        if (c === '\\') {
          const next = text[i + 1];
          if (next !== '"' && next !== '\\') {
            throw new FilterSyntaxError(`invalid escape "\\${next ?? ''}" at position ${i + 1} (only \\" and \\\\ are allowed)`, i + 1);
          }
          value += next;
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      tokens.push({ type: 'string', value, at: start });
    } else if (DATE_LIKE.test(text.slice(i))) {
      // ISC's docs write date-times unquoted (`created gt 2018-12-18T23:05:55Z`).
      const written = (DATE_LIKE.exec(text.slice(i)) as RegExpExecArray)[0];
      if (!RFC_3339_DATE_TIME.test(written)) {
        throw new FilterSyntaxError(`invalid date-time "${written}" at position ${i + 1} (RFC 3339, e.g. 2018-12-18T23:05:55Z)`, i + 1);
      }
      tokens.push({ type: 'datetime', value: written, at: i });
      i += written.length;    } else if (/[-0-9]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) throw new FilterSyntaxError(`unexpected "${ch}" at position ${i + 1}`, i + 1);
      tokens.push({ type: 'number', value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'word', text: match[0], at: i });
      i += match[0].length;
    } else {
      throw new FilterSyntaxError(`unexpected "${ch}" at position ${i + 1}`, i + 1);
    }
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseOr(): FilterNode {
    const operands = [this.parseAnd()];
    while (this.peekWord('or')) {
      this.index++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'end') this.fail(token, 'expected "and", "or" or the end of the filter');
  }

  private parseAnd(): FilterNode {
    const operands = [this.parseUnary()];
    while (this.peekWord('and')) {
      this.index++;
      operands.push(this.parseUnary());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private parseUnary(): FilterNode {
    if (this.peekWord('not')) {
      this.index++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    const token = this.next();
    if (token.type === '(') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.type !== ')') this.fail(close, 'expected ")"');
      return inner;
    }
    if (token.type !== 'word') this.fail(token, 'expected a field name or "("');
    if (token.text === 'pr') {
      const field = this.next();
      if (field.type !== 'word') this.fail(field, 'expected a field name after "pr"');
      return { kind: 'condition', field: field.text, operator: 'pr', values: [] };
    }
    return this.parseCondition(token.text);
  }

  private parseCondition(field: string): FilterNode {
    const opToken = this.next();
    if (opToken.type !== 'word' || !ALL_OPERATORS.includes(opToken.text)) {
      this.fail(opToken, `expected an operator (${ALL_OPERATORS.join(', ')}) after "${field}"`);
    }
    const operator = opToken.text as FilterOperator;
    if (operator === 'pr') this.fail(opToken, `"pr" comes before the field: pr ${field}`);
    if (operator === 'isnull') return { kind: 'condition', field, operator, values: [] };
    if ((LIST_OPERATORS as readonly string[]).includes(operator)) {
      const open = this.next();
      if (open.type !== '(') this.fail(open, `expected "(" after "${operator}"`);
      const values = [this.parseValue()];
      for (;;) {
        const token = this.next();
        if (token.type === ')') break;
        if (token.type !== ',') this.fail(token, 'expected "," or ")" in the value list');
        values.push(this.parseValue());
      }
      return { kind: 'condition', field, operator, values };
    }
    return { kind: 'condition', field, operator, values: [this.parseValue()] };
  }

  private parseValue(): FilterValue {
    const token = this.next();
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type === 'datetime') return { dateTime: token.value };
    if (token.type === 'word' && token.text === 'true') return true;
    if (token.type === 'word' && token.text === 'false') return false;
    return this.fail(token, 'expected a value (a "double-quoted" string, a number, true, false or a date-time)');
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private peekWord(word: string): boolean {
    const token = this.peek();
    return token.type === 'word' && token.text === word;
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index++;
    return token;
  }

  private fail(token: Token, expectation: string): never {
    const found =
      token.type === 'end' ? 'the end of the filter'
      : token.type === 'word' ? `"${token.text}"`
      : token.type === 'string' ? `the string "${token.value}"`
      : token.type === 'datetime' ? `the date-time ${token.value}`
      : token.type === 'number' ? `the number ${token.value}`
      : `"${token.type}"`;
    throw new FilterSyntaxError(`${expectation} at position ${token.at + 1}, found ${found}`, token.at + 1);
  }
}
