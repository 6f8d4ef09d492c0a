// Export Accounts as CSV: RFC 4180 as a reader sees it, the multi-valued rule read back to the
// same items, and no cell that a spreadsheet would run as a formula. Accounts come from the
// sandbox's generator; values that need care are set on them.
import * as assert from 'node:assert/strict';
import { accountCsvHeader, accountCsvLine, ACCOUNT_FIELD_COLUMNS, attributeCell, attributesSeen } from '../../src/core/account-csv';
import { csvCell } from '../../src/formats/csv';
import type { Account } from '../../src/isc/models';
import { startSandbox } from '../../src/sandbox';
import { accountView } from '../../src/sandbox/state/openapi-json';
import { parseCsv } from '../../tools/testing/csv-reader';

let generated: Account[] = [];

before(async () => {
  const sandbox = await startSandbox({ largeSourceAccounts: 10, identities: 20, rateLimit: false });
  generated = sandbox.tenant.allAccounts().map((account) => accountView(sandbox.tenant, account) as Account);
  await sandbox.close();
});

function accountWith(attributes: Record<string, unknown>): Account {
  return { ...generated[0], attributes: attributes as Account['attributes'] };
}

/** Reads a multi-valued cell back as the README's rule says: split on ";" not after "\", one space dropped, escapes undone. */
function splitMultiValued(cell: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < cell.length; i++) {
    if (cell[i] === '\\') item += cell[++i];
    else if (cell[i] === ';') {
      items.push(item);
      item = '';
      if (cell[i + 1] === ' ') i++;
    } else item += cell[i];
  }
  return [...items, item];
}

/** One account's row as a reader gets it back: header → cell. */
function readBack(account: Account, attributes: string[]): Record<string, string> {
  const [header, row, ...rest] = parseCsv(accountCsvHeader(attributes) + accountCsvLine(account, attributes));
  assert.equal(rest.length, 0, 'one header and one row');
  assert.equal(row.length, header.length);
  return Object.fromEntries(header.map((name, i) => [name, row[i]]));
}

describe('Export Accounts CSV: the format (RFC 4180)', () => {
  it('ends every line with CRLF, has a header row, and puts the account fields first', () => {
    const text = accountCsvHeader(['department']) + accountCsvLine(generated[0], ['department']);
    assert.match(text, /^[^\n]*\r\n[^\n]*\r\n$/s);
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    const header = parseCsv(text)[0];
    assert.deepEqual(header, [...ACCOUNT_FIELD_COLUMNS.map((c) => c.header), 'attributes.department']);
  });

  it('quotes commas, quotes and line breaks and doubles embedded quotes; the reader gets the text back', () => {
    const values = { comma: 'Finance, EMEA', quote: 'the "big" one', lines: 'first\r\nsecond\nthird', spaces: '  padded  ' };
    const line = accountCsvLine(accountWith(values), Object.keys(values));
    assert.ok(line.includes('"Finance, EMEA"') && line.includes('"the ""big"" one"'));
    const row = readBack(accountWith(values), Object.keys(values));
    for (const [name, value] of Object.entries(values)) assert.equal(row[`attributes.${name}`], value, name);
  });

  it('writes the account fields from the account, and booleans, numbers and null as they are', () => {
    const account = { ...generated[0], disabled: true, locked: false, identity: { type: 'IDENTITY' as const, id: 'i1', name: 'ann.lee' } };
    const row = readBack({ ...account, attributes: { count: 42, flag: false, nothing: null } }, ['count', 'flag', 'nothing', 'absent']);
    assert.equal(row.id, account.id);
    assert.equal(row.nativeIdentity, account.nativeIdentity);
    assert.equal(row.identityName, 'ann.lee');
    assert.equal(row.identityId, 'i1');
    assert.equal(row.disabled, 'true');
    assert.equal(row.locked, 'false');
    assert.deepEqual([row['attributes.count'], row['attributes.flag'], row['attributes.nothing'], row['attributes.absent']], ['42', 'false', '', '']);
  });

  it('keeps unicode as it is (UTF-8 text, no escaping)', () => {
    const values = { name: 'Zoë Åström-Nakamura 山田 🚀', rtl: 'مرحبا' };
    const row = readBack(accountWith(values), Object.keys(values));
    assert.equal(row['attributes.name'], values.name);
    assert.equal(row['attributes.rtl'], values.rtl);
  });
});

describe('Export Accounts CSV: multi-valued attributes', () => {
  it('joins the items with "; " and reads back to the same items, even with ";", "\\" and spaces in them', () => {
    const lists = [
      ['Admins', 'Finance', 'VPN Users'],
      ['a;b', 'c\\d', 'e\\;f', ' leading', 'trailing ', ''],
      ['only'],
      ['CN=Admins,OU=Groups,DC=acme,DC=com', 'CN=VPN,OU=Groups,DC=acme,DC=com'],
    ];
    assert.equal(attributeCell(lists[0]), 'Admins; Finance; VPN Users');
    for (const items of lists) {
      const row = readBack(accountWith({ groups: items }), ['groups']);
      assert.deepEqual(splitMultiValued(row['attributes.groups']), items, JSON.stringify(items));
    }
  });

  it('writes objects (and objects in lists) as JSON text', () => {
    const manager = { id: 'm1', name: 'Kai Singh' };
    const row = readBack(accountWith({ manager, refs: [manager, 'x'] }), ['manager', 'refs']);
    assert.deepEqual(JSON.parse(row['attributes.manager']), manager);
    assert.deepEqual(splitMultiValued(row['attributes.refs']).map((item, i) => (i === 0 ? JSON.parse(item) : item)), [manager, 'x']);
  });

  it('offers the attributes seen on the accounts, each once, sorted', () => {
    const seen = attributesSeen([accountWith({ b: 1, a: 2 }), accountWith({ c: 3, a: 4 }), { ...generated[0], attributes: null }]);
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.ok(attributesSeen(generated).length > 0, 'the generator gives its accounts attributes');
  });
});

describe('Export Accounts CSV: formula injection', () => {
  for (const [what, value] of [
    ['=SUM', '=SUM(A1:A9)'],
    ['+1', '+1'],
    ['-1', '-1'],
    ['@x', '@x'],
    ['tab', '\tcmd'],
    ['CR', '\rcmd'],
    ['apostrophe', "'=kept"],
    ['the hyperlink attack', '=HYPERLINK("http://evil","click")'],
  ] as const) {
    it(`prefixes a text cell starting with ${what} with one apostrophe, and only that changes`, () => {
      const row = readBack(accountWith({ note: value }), ['note']);
      assert.equal(row['attributes.note'], `'${value}`);
    });
  }

  it('neutralises a multi-valued cell whose first item starts a formula, and the fields too', () => {
    const row = readBack({ ...accountWith({ groups: ['=cmd', 'ok'] }), name: '@evil', nativeIdentity: '-2+3' }, ['groups']);
    assert.equal(row['attributes.groups'], "'=cmd; ok");
    assert.equal(row.name, "'@evil");
    assert.equal(row.nativeIdentity, "'-2+3");
  });

  it('writes JSON numbers as numbers (-5 stays -5: a number cannot carry a formula), the text "-5" with the prefix', () => {
    assert.equal(csvCell(-5), '-5');
    assert.equal(readBack(accountWith({ n: -5, t: '-5' }), ['n', 't'])['attributes.n'], '-5');
    assert.equal(readBack(accountWith({ n: -5, t: '-5' }), ['n', 't'])['attributes.t'], "'-5");
  });

  it('leaves a formula character inside the text alone', () => {
    assert.equal(readBack(accountWith({ note: 'a=b+c-d@e' }), ['note'])['attributes.note'], 'a=b+c-d@e');
  });
});
