// The attribute editor's row checks: one message per problem, on the right row and field.
import assert from 'node:assert/strict';
import { validateAttributeEdits, type AttributeEditRow } from '../../src/patch';

const summary = (rows: AttributeEditRow[]): string[] =>
  validateAttributeEdits(rows).messages.map(({ row, field, severity, code }) => `${row} ${field} ${severity} ${code}`);

describe('validating attribute edits: names', () => {
  it('accepts well-formed rows with every allowed value shape', () => {
    const report = validateAttributeEdits([
      { name: 'email', value: 'a@b' },
      { name: 'count', value: 3 },
      { name: 'active', value: false },
      { name: 'manager', value: null },
      { name: 'groups', value: ['x', 'y'] },
      { name: 'roles', value: [] },
      { name: 'a/b~c', value: '' },
    ]);
    assert.deepEqual(report, { messages: [], hasErrors: false });
  });

  it('refuses empty and blank names, and names that are not text', () => {
    assert.deepEqual(summary([{ name: '', value: 'x' }, { name: '   ', value: 'x' }, { name: 42, value: 'x' }]), [
      '0 name error empty-name',
      '1 name error empty-name',
      '2 name error name-not-text',
    ]);
  });

  it('warns about surrounding spaces, which make a different attribute', () => {
    assert.deepEqual(summary([{ name: ' email', value: 'x' }]), ['0 name warning name-surrounding-space']);
  });

  it('flags every row of an exact duplicate as an error, naming the other rows', () => {
    const report = validateAttributeEdits([
      { name: 'email', value: 'a' },
      { name: 'phone', value: 'b' },
      { name: 'email', value: 'c' },
    ]);
    assert.equal(report.hasErrors, true);
    assert.deepEqual(
      report.messages.map(({ row, code, message }) => [row, code, message]),
      [
        [0, 'duplicate-name', '"email" is used more than once (also on row 3).'],
        [2, 'duplicate-name', '"email" is used more than once (also on row 1).'],
      ],
    );
  });

  it('warns (without blocking) when names differ only in case, since ISC ignores case', () => {
    const report = validateAttributeEdits([
      { name: 'Email', value: 'a' },
      { name: 'email', value: 'b' },
    ]);
    assert.equal(report.hasErrors, false);
    assert.deepEqual(summary([{ name: 'Email', value: 'a' }, { name: 'email', value: 'b' }]), [
      '0 name warning case-duplicate-name',
      '1 name warning case-duplicate-name',
    ]);
    assert.match(report.messages[0].message, /"Email" differs only in case from "email" \(row 2\)/);
  });

  it('does not compare empty names with each other as duplicates', () => {
    assert.deepEqual(summary([{ name: '', value: 'x' }, { name: '', value: 'y' }]), [
      '0 name error empty-name',
      '1 name error empty-name',
    ]);
  });
});

describe('validating attribute edits: values', () => {
  it('refuses nested objects, lists of non-text, NaN/Infinity, missing values and functions', () => {
    assert.deepEqual(
      summary([
        { name: 'a', value: { nested: 1 } },
        { name: 'b', value: ['x', 2] },
        { name: 'c', value: [['x']] },
        { name: 'd', value: Number.NaN },
        { name: 'e', value: Number.POSITIVE_INFINITY },
        { name: 'f', value: undefined },
        { name: 'g', value: () => 1 },
        { name: 'h', value: [null] },
      ]),
      [
        '0 value error nested-object',
        '1 value error list-item-not-text',
        '2 value error list-item-not-text',
        '3 value error number-not-json',
        '4 value error number-not-json',
        '5 value error missing-value',
        '6 value error unsupported-value',
        '7 value error list-item-not-text',
      ],
    );
  });

  it('says which list item is wrong, counting from 1', () => {
    const [message] = validateAttributeEdits([{ name: 'groups', value: ['x', 'y', 3] }]).messages;
    assert.equal(message.message, 'The value of "groups" has item 3 of type number; multi-valued attributes hold text only.');
  });

  it('reports name and value problems of one row together, name first, without throwing', () => {
    assert.deepEqual(summary([{ name: 'ok', value: 'x' }, { name: '', value: { a: 1 } }]), [
      '1 name error empty-name',
      '1 value error nested-object',
    ]);
  });
});
