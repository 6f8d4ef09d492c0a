// The sandbox's parser for ISC's `filters` syntax, on its own (no HTTP).
import * as assert from 'node:assert/strict';
import { FilterSyntaxError, parseFilter } from '../../src/sandbox/query/filter-parser';
import { compileFilter } from '../../src/sandbox/query/filter-fields';
import type { FilterFieldTable } from '../../src/sandbox/query/filter-fields';
import { ApiError } from '../../src/sandbox/http/errors';

describe('sandbox: filter syntax', () => {
  it('parses a comparison with each value type', () => {
    assert.deepEqual(parseFilter('name eq "Jo"'), { kind: 'condition', field: 'name', operator: 'eq', values: ['Jo'] });
    assert.deepEqual(parseFilter('source.authoritative eq true'), { kind: 'condition', field: 'source.authoritative', operator: 'eq', values: [true] });
    assert.deepEqual(parseFilter('count ge -2.5'), { kind: 'condition', field: 'count', operator: 'ge', values: [-2.5] });
    assert.deepEqual(parseFilter('recommendation.method isnull'), { kind: 'condition', field: 'recommendation.method', operator: 'isnull', values: [] });
  });

  it('reads an unquoted RFC 3339 date-time as ISC documents it, quoted ones too', () => {
    assert.deepEqual(parseFilter('created gt 2024-01-31T00:00:00Z'), { kind: 'condition', field: 'created', operator: 'gt', values: [{ dateTime: '2024-01-31T00:00:00Z' }] });
    assert.deepEqual(parseFilter('modified le 2024-01-31T08:15:00.123+02:00 and name sw "a"').kind, 'and');
    assert.deepEqual(parseFilter('created ge "2024-01-31T00:00:00Z"'), { kind: 'condition', field: 'created', operator: 'ge', values: ['2024-01-31T00:00:00Z'] });
  });

  it('parses in (…) lists and escapes inside strings', () => {
    assert.deepEqual(parseFilter('id in ("a", "b\\"c", "d\\\\e")'), { kind: 'condition', field: 'id', operator: 'in', values: ['a', 'b"c', 'd\\e'] });
  });

  it('gives and precedence over or, and not binds to the next term', () => {
    const a = { kind: 'condition', field: 'a', operator: 'eq', values: ['1'] };
    const b = { kind: 'condition', field: 'b', operator: 'eq', values: ['2'] };
    const c = { kind: 'condition', field: 'c', operator: 'eq', values: ['3'] };
    assert.deepEqual(parseFilter('a eq "1" or b eq "2" and c eq "3"'), { kind: 'or', operands: [a, { kind: 'and', operands: [b, c] }] });
    assert.deepEqual(parseFilter('(a eq "1" or b eq "2") and c eq "3"'), { kind: 'and', operands: [{ kind: 'or', operands: [a, b] }, c] });
    assert.deepEqual(parseFilter('not a eq "1" and b eq "2"'), { kind: 'and', operands: [{ kind: 'not', operand: a }, b] });
  });

  it('reports where it got lost', () => {
    const cases: Array<[string, RegExp]> = [
      ['name eq', /expected a value .* at position 8/],
      ['name "x"', /expected an operator/],
      ['name eq "x" )', /expected "and", "or" or the end/],
      ['name eq "unterminated', /unterminated string/],
      ['name eq "bad \\n escape"', /invalid escape/],
      ['id in "a"', /expected "\(" after "in"/],
      ['name eq "x" $', /unexpected "\$"/],
      ['modified lt 2025-01-01', /invalid date-time "2025-01-01" at position 13/],
      ['name eq null', /expected a value/],
      ['note pr', /"pr" comes before the field: pr note/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseFilter(text), (error: unknown) => error instanceof FilterSyntaxError && message.test(error.message), text);
    }
  });

  it('evaluates against a field table: case-insensitive strings, arrays, dates, isnull', () => {
    interface Row { name: string; tags: string[]; at: number; note: string | null }
    const fields: FilterFieldTable<Row> = {
      name: { operators: ['eq', 'sw', 'co', 'ne', 'in'], type: 'string', get: (r) => r.name },
      tags: { operators: ['eq', 'ca'], type: 'string', get: (r) => r.tags },
      at: { operators: ['gt', 'le'], type: 'date', get: (r) => r.at },
      note: { operators: ['isnull', 'pr'], type: 'string', get: (r) => r.note },
    };
    const row: Row = { name: 'Zoë Ødegård', tags: ['x', 'y'], at: Date.parse('2024-05-01T00:00:00Z'), note: null };
    const test = (text: string) => compileFilter(text, fields, '/rows')?.test(row);
    assert.equal(test('name eq "zoë ødegård"'), true);
    assert.equal(test('name sw "ZO"'), true);
    assert.equal(test('name co "øde"'), true);
    assert.equal(test('name ne "Zoë Ødegård"'), false);
    assert.equal(test('tags eq "y"'), true);
    assert.equal(test('tags ca ("x","y")'), true);
    assert.equal(test('tags ca ("x","z")'), false);
    assert.equal(test('at gt "2024-01-01T00:00:00Z" and at le "2024-05-01T00:00:00Z"'), true);
    assert.equal(test('note isnull and not pr note'), true);
    assert.throws(() => test('at gt "yesterday"'), ApiError);
  });
});
