// Reads a filter a person typed (`sourceId eq "2c91…" and name sw "jo"`) into a tree, or
// says where and why it is wrong; and prints a tree back as a canonical filter string.
// Grammar (ISC's, precedence not > and > or):
//   or   := and ("or" and)*          and := unary ("and" unary)*
//   unary := "not" unary | "(" or ")" | "pr" FIELD | FIELD "isnull" | FIELD "in" "(" value ("," value)* ")" | FIELD OP value
import {
  ACCOUNT_FILTER_FIELD_NAMES,
  FilterError,
  checkFilterValue,
  fieldRule,
  formatFilterValue,
  isAccountFilterField,
  isFilterOperator,
  quoteFilterString,
  unknownFieldMessage,
  unsupportedOperatorMessage,
  type AccountFilterField,
  type FilterOperator,
} from './filter-fields';
import { closestMatch, completeDateTime, didYouMean } from './filter-suggestions';

export type FilterLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  /** RFC 3339, written bare, e.g. 2024-01-31T00:00:00Z. */
  | { kind: 'datetime'; value: string };

export type FilterNode =
  | { type: 'compare'; field: AccountFilterField; operator: FilterOperator; values: FilterLiteral[] }
  | { type: 'and' | 'or'; operands: FilterNode[] }
  | { type: 'not'; operand: FilterNode };

interface Token {
  type: 'lparen' | 'rparen' | 'comma' | 'string' | 'word' | 'end';
  /** The source text of the token; for strings, the unescaped value. */
  text: string;
  position: number;
  length: number;
}

interface FailDetails {
  field?: string;
  operator?: string;
  suggestion?: string;
}

function fail(message: string, at: { position: number; length: number }, extra: FailDetails = {}): never {
  const where = { position: at.position, length: Math.max(1, at.length) };
  throw new FilterError({ message: `${message} (at column ${at.position + 1})`, reason: message, ...where, ...extra });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, position: i, length: 1 });
      i++;
    } else if (ch === '"') {
      const start = i;
      let value = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          const escaped = text[i + 1];
          // ISC documents only these two; any other would reach it as something else.
          if (escaped === undefined) fail('Unterminated string: this quote is never closed', { position: start, length: text.length - start });
          if (escaped !== '"' && escaped !== '\\') {
            fail(`Invalid escape "\\${escaped}": inside quotes only \\" and \\\\ are escapes (write \\\\ for a backslash)`, { position: i, length: 2 });
          }
          i++;
        }
        value += text[i];
      }
      if (i >= text.length) fail('Unterminated string: this quote is never closed', { position: start, length: text.length - start });
      i++;
      tokens.push({ type: 'string', text: value, position: start, length: i - start });
    } else {
      const start = i;
      while (i < text.length && !/[\s(),"]/.test(text[i])) i++;
      tokens.push({ type: 'word', text: text.slice(start, i), position: start, length: i - start });
    }
  }
  tokens.push({ type: 'end', text: '', position: text.length, length: 1 });
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    const next = this.peek();
    if (next.type === 'rparen') fail('Unbalanced parentheses: this ")" has no matching "("', next);
    if (next.type !== 'end') fail(`Expected "and" or "or" before "${next.text}"`, next);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }
  private take(): Token {
    return this.tokens[this.index++];
  }
  private isWord(word: string): boolean {
    const token = this.peek();
    return token.type === 'word' && token.text === word;
  }

  private or(): FilterNode {
    const operands = [this.and()];
    while (this.isWord('or')) {
      this.take();
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0] : { type: 'or', operands };
  }

  private and(): FilterNode {
    const operands = [this.unary()];
    while (this.isWord('and')) {
      this.take();
      operands.push(this.unary());
    }
    return operands.length === 1 ? operands[0] : { type: 'and', operands };
  }

  private unary(): FilterNode {
    const token = this.peek();
    if (this.isWord('not')) {
      this.take();
      return { type: 'not', operand: this.unary() };
    }
    if (token.type === 'lparen') {
      this.take();
      const inner = this.or();
      const close = this.peek();
      if (close.type !== 'rparen') {
        if (close.type === 'end') fail('Unbalanced parentheses: this "(" is never closed', token);
        fail(`Expected "and", "or" or ")" before "${close.text}"`, close);
      }
      this.take();
      return inner;
    }
    if (token.type === 'rparen') fail('Unbalanced parentheses: this ")" has no matching "("', token);
    if (token.type === 'end') fail('Expected a condition such as name sw "jo"', token);
    if (this.isWord('pr')) {
      this.take();
      const field = this.field();
      this.checkOperator(field, 'pr', token);
      return { type: 'compare', field: field.name, operator: 'pr', values: [] };
    }
    return this.comparison();
  }

  private field(): { name: AccountFilterField; token: Token } {
    const token = this.take();
    if (token.type !== 'word' || ['and', 'or', 'not'].includes(token.text) || isFilterOperator(token.text)) {
      fail(token.type === 'end' ? 'Expected a field name at the end' : `Expected a field name, found "${token.text}"`, token);
    }
    if (!isAccountFilterField(token.text)) {
      const suggestion = closestMatch(token.text, ACCOUNT_FILTER_FIELD_NAMES);
      fail(unknownFieldMessage(token.text, suggestion), token, { field: token.text, suggestion });
    }
    return { name: token.text, token };
  }

  private checkOperator(field: { name: AccountFilterField }, operator: FilterOperator, at: Token): void {
    if (!fieldRule(field.name).operators.includes(operator)) {
      fail(unsupportedOperatorMessage(field.name, operator), at, { field: field.name, operator });
    }
  }

  private comparison(): FilterNode {
    const field = this.field();
    const opToken = this.take();
    const word = opToken.type === 'word' ? opToken.text : '';
    if (!isFilterOperator(word)) {
      if (opToken.type === 'end') fail(`Expected an operator after "${field.name}"`, opToken);
      const hint = isFilterOperator(word.toLowerCase()) ? ' (operators are lower case)' : '';
      const suggestion = closestMatch(opToken.text, fieldRule(field.name).operators);
      const guess = suggestion ? ` ${didYouMean(`"${suggestion}"`)}` : '';
      fail(`Unknown operator "${opToken.text}" after "${field.name}"${hint}; it allows ${fieldRule(field.name).operators.join(', ')}.${guess}`, opToken, {
        field: field.name,
        operator: opToken.text,
        suggestion,
      });
    }
    this.checkOperator(field, word, opToken);
    const node = { type: 'compare' as const, field: field.name, operator: word };
    if (word === 'isnull' || word === 'pr') return { ...node, values: [] };
    if (word === 'in' || word === 'ca') return { ...node, values: this.list(field.name, opToken) };
    return { ...node, values: [this.literal(field.name, this.take())] };
  }

  private list(field: AccountFilterField, opToken: Token): FilterLiteral[] {
    const open = this.take();
    if (open.type !== 'lparen') fail(`"${opToken.text}" needs a list in parentheses, e.g. ${field} in ("a", "b")`, open);
    const values: FilterLiteral[] = [];
    for (;;) {
      const token = this.take();
      if (token.type === 'rparen' && values.length === 0) fail(`"${opToken.text}" needs at least one value`, token);
      if (token.type === 'end') fail('Unbalanced parentheses: this "(" is never closed', open);
      values.push(this.literal(field, token));
      const after = this.take();
      if (after.type === 'rparen') return values;
      if (after.type === 'end') fail('Unbalanced parentheses: this "(" is never closed', open);
      if (after.type !== 'comma') fail(`Expected "," or ")" in the list, found "${after.text}"`, after);
    }
  }

  private literal(field: AccountFilterField, token: Token): FilterLiteral {
    const rule = fieldRule(field);
    if (token.type === 'end') fail(`Expected a value for "${field}"`, token);
    const isBool = token.type === 'word' && (token.text === 'true' || token.text === 'false');
    if (rule.value === 'boolean') {
      if (isBool) return { kind: 'boolean', value: token.text === 'true' };
      const shown = token.type === 'string' ? `"${token.text}"` : token.text;
      const suggestion = token.type === 'string' && (token.text === 'true' || token.text === 'false') ? token.text : undefined;
      fail(`"${field}" takes true or false (without quotes), not ${shown}`, token, { field, suggestion });
    }
    if (rule.value === 'string' && token.type !== 'string') {
      fail(`The value for "${field}" must be in double quotes, e.g. "${token.text}"`, token, { field, suggestion: quoteFilterString(token.text) });
    }
    if (token.type !== 'string' && token.type !== 'word') fail(`Expected a value for "${field}", found "${token.text}"`, token, { field });
    const checked = checkFilterValue(field, token.text);
    if (checked.ok) return rule.value === 'datetime' ? { kind: 'datetime', value: token.text } : { kind: 'string', value: String(checked.value) };
    const suggestion = this.valueSuggestion(field, token.text);
    fail(suggestion ? `${checked.problem}. ${didYouMean(suggestion)}` : checked.problem, token, { field, suggestion });
  }

  private valueSuggestion(field: AccountFilterField, text: string): string | undefined {
    const rule = fieldRule(field);
    if (rule.value === 'datetime') return completeDateTime(text);
    const value = rule.values ? closestMatch(text, rule.values) : undefined;
    return value === undefined ? undefined : quoteFilterString(value);
  }
}

/** The tree of a filter, or a FilterError (with `position`) saying what is wrong. Empty text: undefined. */
export function parseFilterTree(text: string): FilterNode | undefined {
  if (text.trim() === '') return undefined;
  return new Parser(tokenize(text)).parse();
}

function printLiteral(field: AccountFilterField, literal: FilterLiteral): string {
  return formatFilterValue(field, literal.value);
}

const PRECEDENCE = { or: 1, and: 2, not: 3, compare: 4 } as const;

/** A canonical filter string; parentheses only where precedence needs them. */
export function printFilter(node: FilterNode): string {
  switch (node.type) {
    case 'compare': {
      if (node.operator === 'pr') return `pr ${node.field}`;
      if (node.operator === 'isnull') return `${node.field} isnull`;
      if (node.operator === 'in' || node.operator === 'ca') return `${node.field} ${node.operator} (${node.values.map((value) => printLiteral(node.field, value)).join(', ')})`;
      return `${node.field} ${node.operator} ${printLiteral(node.field, node.values[0])}`;
    }
    case 'not': {
      const inner = printFilter(node.operand);
      return PRECEDENCE[node.operand.type] < PRECEDENCE.not ? `not (${inner})` : `not ${inner}`;
    }
    case 'and':
    case 'or':
      return node.operands
        .map((operand) => (PRECEDENCE[operand.type] < PRECEDENCE[node.type] ? `(${printFilter(operand)})` : printFilter(operand)))
        .join(` ${node.type} `);
  }
}
