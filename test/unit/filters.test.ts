// Filters for list-accounts: built with correct quoting, refused when list-accounts does not
// support a field/operator pair, and a typed filter checked with a position and a reason.
import * as assert from 'node:assert/strict';
import {
  ACCOUNT_FILTER_FIELDS,
  ACCOUNT_SORTABLE_FIELDS,
  accountFilter,
  assertAccountFilter,
  FilterError,
  parseAccountFilter,
  validateAccountFilter,
  validateAccountSorters,
} from '../../src/isc/filters';
import { IscError } from '../../src/isc/errors';
import { filterCompletions, filterCorrection } from '../../src/isc/filter-completions';

describe('filter builder: correct, quoted expressions', () => {
  it('combines conditions the way the tree asks for accounts', () => {
    const filter = accountFilter.and(accountFilter.eq('sourceId', '2c91808a'), accountFilter.sw('name', 'jo'));
    assert.equal(filter, 'sourceId eq "2c91808a" and name sw "jo"');
  });

  it('escapes double quotes and backslashes with a backslash', () => {
    assert.equal(accountFilter.eq('name', 'say "hi" \\ bye'), 'name eq "say \\"hi\\" \\\\ bye"');
    const parsed = parseAccountFilter(accountFilter.eq('name', 'a"b\\c'));
    assert.ok(parsed.ok && parsed.tree?.type === 'compare');
    assert.deepEqual(parsed.tree.values, [{ kind: 'string', value: 'a"b\\c' }], 'what is built reads back as the same value');
  });

  it('writes in-lists, isnull, booleans and date-times', () => {
    assert.equal(accountFilter.in('origin', ['AGGREGATED', 'PROVISIONED']), 'origin in ("AGGREGATED", "PROVISIONED")');
    assert.equal(accountFilter.isnull('recommendation.method'), 'recommendation.method isnull');
    assert.equal(accountFilter.eq('uncorrelated', true), 'uncorrelated eq true');
    assert.equal(accountFilter.eq('source.authoritative', false), 'source.authoritative eq false');
    assert.equal(accountFilter.gt('created', new Date('2024-01-31T00:00:00Z')), 'created gt 2024-01-31T00:00:00.000Z');
  });

  it('puts parentheses only where precedence needs them', () => {
    const either = accountFilter.or(accountFilter.eq('name', 'a'), accountFilter.eq('name', 'b'));
    assert.equal(accountFilter.and(either, accountFilter.eq('uncorrelated', false)), '(name eq "a" or name eq "b") and uncorrelated eq false');
    assert.equal(accountFilter.not(either), 'not (name eq "a" or name eq "b")');
    assert.equal(accountFilter.or(accountFilter.and('id eq "1"', 'name eq "x"'), 'id eq "2"'), 'id eq "1" and name eq "x" or id eq "2"');
  });

  it('refuses an unsupported field/operator pair, naming both and the allowed operators', () => {
    assert.throws(
      () => accountFilter.where('uncorrelated', 'sw', 'tr'),
      (error: unknown) => {
        assert.ok(error instanceof FilterError && error instanceof IscError);
        assert.equal(error.kind, 'invalid-request');
        assert.equal(error.message, 'The field "uncorrelated" does not support the operator "sw"; it allows eq.');
        assert.equal(error.field, 'uncorrelated');
        assert.equal(error.operator, 'sw');
        return true;
      },
    );
    // The typed shortcuts only offer allowed pairs; a cast around them is still caught at run time.
    assert.throws(() => accountFilter.isnull('name' as never), /"name" does not support the operator "isnull"; it allows eq, in, sw/);
    assert.throws(() => accountFilter.where('attributes.city', 'eq', 'x'), /Unknown field "attributes.city": list-accounts filters on id, identityId/);
  });

  it('refuses values of the wrong type and empty lists', () => {
    assert.throws(() => accountFilter.eq('uncorrelated', 'true' as never), /takes true or false/);
    assert.throws(() => accountFilter.in('id', []), /needs at least one value/);
    assert.throws(() => accountFilter.gt('modified', 'yesterday'), /takes an RFC 3339 date-time such as 2025-01-31T00:00:00Z, not "yesterday"/);
    assert.throws(() => accountFilter.lt('modified', '2025-01-01'), /a date alone has no time or time zone/);
    assert.throws(() => accountFilter.eq('origin', 'MANUAL'), /"origin" takes AGGREGATED or PROVISIONED, not "MANUAL"/);
    assert.throws(() => accountFilter.and(), /needs at least one filter/);
  });

  it('allows exactly the documented operators per field', () => {
    assert.deepEqual([...ACCOUNT_FILTER_FIELDS['recommendation.method'].operators], ['eq', 'in', 'isnull']);
    assert.deepEqual([...ACCOUNT_FILTER_FIELDS['identity.identityState'].operators], ['eq', 'in']);
    for (const field of ['id', 'identityId', 'name', 'nativeIdentity', 'sourceId', 'identity.name'] as const) {
      assert.deepEqual([...ACCOUNT_FILTER_FIELDS[field].operators], ['eq', 'in', 'sw'], field);
    }
  });
});

describe('typed filters: checked with a position and a reason', () => {
  const accepted = [
    'sourceId eq "2c91" and name sw "jo"',
    '(name eq "a" or name eq "b") and not uncorrelated eq true',
    'origin in ("AGGREGATED","PROVISIONED")',
    'recommendation.method isnull',
    'created ge 2024-01-01T00:00:00Z and modified lt "2025-01-01T00:00:00+01:00"',
    'identity.identityState in ("ACTIVE", "inactive_long_term")',
    '  identity.name sw "Ad\\"a"  ',
    '',
  ];
  for (const text of accepted) {
    it(`accepts ${JSON.stringify(text)}`, () => assert.deepEqual(validateAccountFilter(text), { ok: true }));
  }

  const refused: Array<[string, number, RegExp]> = [
    ['nme eq "x"', 0, /Unknown field "nme"/],
    ['name co "x"', 5, /"name" does not support the operator "co"; it allows eq, in, sw/],
    ['name EQ "x"', 5, /Unknown operator "EQ".*lower case/],
    ['name xx "x"', 5, /Unknown operator "xx"/],
    ['name eq "unterminated', 8, /Unterminated string/],
    ['(name eq "a" or name eq "b"', 0, /Unbalanced parentheses: this "\(" is never closed/],
    ['name eq "a")', 11, /Unbalanced parentheses: this "\)" has no matching "\("/],
    ['uncorrelated eq "true"', 16, /takes true or false \(without quotes\)/],
    ['name eq jo', 8, /must be in double quotes/],
    ['name eq "a" name eq "b"', 12, /Expected "and" or "or" before "name"/],
    ['name eq', 7, /Expected a value for "name"/],
    ['origin in "A"', 10, /needs a list in parentheses/],
    ['id in ("a" "b")', 11, /Expected "," or "\)"/],
    ['name eq "a" and', 15, /Expected a condition/],
    ['nme sw "a"', 0, /Unknown field "nme"\. Did you mean "name"\?/],
    ['name SW "a"', 5, /Unknown operator "SW" after "name" \(operators are lower case\); it allows eq, in, sw\. Did you mean "sw"\?/],
    ['name sww "a"', 5, /Did you mean "sw"\?/],
    ['modified lt 2025-01-01', 12, /RFC 3339 date-time .*a date alone has no time or time zone\)\. Did you mean 2025-01-01T00:00:00Z\?/],
    ['created gt 2025-01-01T10:00', 11, /Did you mean 2025-01-01T10:00:00Z\?/],
    ['created gt 2025-13-01T00:00:00Z', 11, /RFC 3339 date-time/],
    ['origin eq "AGREGATED"', 10, /"origin" takes AGGREGATED or PROVISIONED, not "AGREGATED"\. Did you mean "AGGREGATED"\?/],
    ['recommendation.method in ("SOURCE", "AI")', 36, /takes DISCOVERY, SOURCE or CRITERIA, not "AI"/],
    ['name eq "tab\\tbed"', 12, /Invalid escape "\\t": inside quotes only \\" and \\\\ are escapes/],
    ['name eq "ends with \\', 8, /Unterminated string/],
  ];
  for (const [text, position, message] of refused) {
    it(`refuses ${JSON.stringify(text)} at column ${position + 1}`, () => {
      const result = validateAccountFilter(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.match(result.message, message);
      assert.equal(result.position, position, result.message);
      assert.match(result.message, new RegExp(`at column ${position + 1}\\)$`));
    });
  }

  it('says what to put instead, for the filter input to offer', () => {
    const fix = (text: string) => {
      const result = parseAccountFilter(text);
      assert.ok(!result.ok, text);
      return result.suggestion;
    };
    assert.equal(fix('nme sw "a"'), 'name');
    assert.equal(fix('modified lt 2025-01-01'), '2025-01-01T00:00:00Z');
    assert.equal(fix('origin eq "provisoned"'), '"PROVISIONED"');
    assert.equal(fix('uncorrelated eq "true"'), 'true');
    assert.equal(fix('name eq jo'), '"jo"');
    assert.equal(fix('attributes.city eq "x"'), undefined);
  });

  it('sends enumerated values as ISC spells them, and date-times bare', () => {
    const parsed = parseAccountFilter('origin eq "aggregated" and created gt "2024-01-31T00:00:00Z"');
    assert.ok(parsed.ok);
    assert.equal(parsed.filter, 'origin eq "AGGREGATED" and created gt 2024-01-31T00:00:00Z');
  });

  it('gives back the canonical filter and its tree', () => {
    const parsed = parseAccountFilter('name  sw "jo"   AND'.replace('AND', 'and uncorrelated eq false'));
    assert.ok(parsed.ok);
    assert.equal(parsed.filter, 'name sw "jo" and uncorrelated eq false');
    assert.equal(parsed.tree?.type, 'and');
  });

  it('assertAccountFilter throws the same FilterError with its position', () => {
    assert.throws(() => assertAccountFilter('name eq "x" or'), (error: unknown) => error instanceof FilterError && error.position === 14);
    assert.equal(assertAccountFilter('id eq "1"'), 'id eq "1"');
  });
});

describe('sorters: only sortable fields', () => {
  it('joins a list or a string into a comma list', () => {
    assert.equal(validateAccountSorters(['name', '-modified']), 'name,-modified');
    assert.equal(validateAccountSorters(' name , -identity.name '), 'name,-identity.name');
  });

  it('refuses an unsortable field, listing the sortable ones', () => {
    assert.throws(() => validateAccountSorters('name,-disabled'), (error: unknown) => {
      assert.ok(error instanceof FilterError && error.kind === 'invalid-request');
      assert.match(error.message, /Accounts cannot be sorted by "disabled"; sortable fields are id, name, created/);
      return true;
    });
    assert.ok(ACCOUNT_SORTABLE_FIELDS.includes('source.displayableName'));
  });
});

describe('the filter input: completions from the contract and "did you mean"', () => {
  const labels = (text: string) => filterCompletions(text).map((completion) => completion.label);
  const taken = (text: string, label: string) => filterCompletions(text).find((completion) => completion.label === label)?.text;

  it('offers field names for a partly typed field, with their kind and operators', () => {
    assert.deepEqual(labels('na'), ['name', 'nativeIdentity']);
    assert.equal(labels('').length, Object.keys(ACCOUNT_FILTER_FIELDS).length);
    assert.equal(filterCompletions('ori')[0].description, 'AGGREGATED | PROVISIONED · eq, in');
    assert.equal(taken('na', 'name'), 'name ');
    assert.equal(taken('name sw "a" and ide', 'identityId'), 'name sw "a" and identityId ');
  });

  it('offers only the operators the typed field allows', () => {
    assert.deepEqual(labels('name '), ['eq', 'in', 'sw']);
    assert.deepEqual(labels('modified l'), ['le', 'lt']);
    assert.deepEqual(labels('recommendation.method '), ['eq', 'in', 'isnull']);
    assert.equal(taken('origin i', 'in'), 'origin in (');
    assert.deepEqual(labels('nme '), [], 'nothing for an unknown field');
  });

  it('offers enumerated values, true/false and the full date-time form', () => {
    assert.deepEqual(labels('origin eq '), ['"AGGREGATED"', '"PROVISIONED"']);
    assert.deepEqual(labels('identity.identityState eq "IN'), ['"INACTIVE_SHORT_TERM"', '"INACTIVE_LONG_TERM"']);
    assert.deepEqual(labels('origin in ("AGGREGATED", '), ['"AGGREGATED"', '"PROVISIONED"']);
    assert.deepEqual(labels('uncorrelated eq '), ['true', 'false']);
    assert.deepEqual(labels('modified lt 2025-01-01'), ['2025-01-01T00:00:00Z']);
    assert.equal(taken('modified lt 2025-01-01', '2025-01-01T00:00:00Z'), 'modified lt 2025-01-01T00:00:00Z ');
    assert.deepEqual(labels('name eq '), [], 'free text: nothing to offer');
  });

  it('offers and/or after a condition', () => {
    assert.deepEqual(labels('name sw "a" '), ['and', 'or']);
    assert.deepEqual(labels('name sw "a" o'), ['or']);
    assert.equal(taken('origin in ("AGGREGATED")', 'and'), 'origin in ("AGGREGATED") and ');
  });

  it('puts the parser\'s "did you mean" in place', () => {
    assert.deepEqual(filterCorrection('nme sw "a"'), { label: 'name sw "a"', description: 'did you mean', text: 'name sw "a"' });
    assert.equal(filterCorrection('origin eq "agregated" and name sw "b"')?.text, 'origin eq "AGGREGATED" and name sw "b"');
    assert.equal(filterCorrection('modified lt 2025-01-01')?.text, 'modified lt 2025-01-01T00:00:00Z');
    assert.equal(filterCorrection('name sw "a"'), undefined);
    assert.equal(filterCorrection('zzzzzz eq "a"'), undefined);
  });
});
