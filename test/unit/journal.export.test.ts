// Export Activity: JSON Lines of whole entries, and CSV with one row an item, quoted as RFC 4180
// says and safe to open in a spreadsheet (no cell runs as a formula).
import * as assert from 'node:assert/strict';
import { csvCell, csvRow, toCsv } from '../../src/formats/csv';
import type { JournalEntry } from '../../src/journal/entry';
import { entriesToCsv, entriesToJsonLines } from '../../src/journal/journal-export';
import { parseCsv } from '../../tools/testing/csv-reader';

const ENTRY: JournalEntry = {
  id: 'e1',
  tenantId: 'acme',
  action: 'patch',
  title: 'Patching "ann, lee"',
  created: '2025-05-01T10:00:00.000Z',
  updated: '2025-05-01T10:00:01.000Z',
  bulk: false,
  items: [
    {
      index: 0,
      spec: { kind: 'patch', accountId: 'a1', operations: [{ op: 'replace', path: '/attributes/title', value: '=HYPERLINK("http://x","y")' }] },
      target: { accountId: 'a1', accountName: '@ann', sourceName: 'HR\nflat file' },
      state: 'not-applied',
      outcome: { outcome: 'not-applied', reason: '-ISC refused it', trackingId: 'trk-1', evidence: { kind: 'answer', status: 400 } },
      updated: '2025-05-01T10:00:01.000Z',
    },
    {
      index: 1,
      spec: { kind: 'lifecycle', action: 'disable', accountId: 'a2' },
      target: { label: '+bob' },
      state: 'applied',
      taskId: 't9',
      outcome: { outcome: 'applied', taskId: 't9', evidence: { kind: 'task', taskId: 't9', completionStatus: 'SUCCESS' } },
      updated: '2025-05-01T10:00:01.000Z',
    },
  ],
};

describe('journal export: CSV writer', () => {
  it('quotes commas, quotes and line breaks, and doubles quotes (RFC 4180)', () => {
    assert.equal(csvRow(['plain', 'a,b', 'say "hi"', 'two\r\nlines', 3, true, null, undefined]), 'plain,"a,b","say ""hi""","two\r\nlines",3,true,,');
    assert.equal(toCsv([{ header: 'x', value: (r: number) => r }], [1, 2]), 'x\r\n1\r\n2\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}1+1`);
      const read = parseCsv(`${cell}\r\n`)[0][0];
      assert.equal(read, `'${start}1+1`, JSON.stringify(start));
    }
    assert.equal(csvCell(-5), '-5', 'a number is a number, not a formula');
    assert.equal(csvCell('a=b'), 'a=b');
  });
});

describe('journal export: entries as JSON Lines and CSV', () => {
  it('JSON Lines holds each entry whole, one a line', () => {
    const lines = entriesToJsonLines([ENTRY, { ...ENTRY, id: 'e2' }]).split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines.map((line) => JSON.parse(line).id), ['e1', 'e2']);
    assert.deepEqual(JSON.parse(lines[0]), ENTRY);
  });

  it('CSV has a header and one row an item, with the target, outcome, task and body sent', () => {
    const rows = parseCsv(entriesToCsv([ENTRY]));
    const [header, first, second] = rows;
    assert.equal(rows.length, 3);
    const at = (row: string[], name: string) => row[header.indexOf(name)];
    assert.equal(at(first, 'title'), 'Patching "ann, lee"');
    assert.equal(at(first, 'state'), 'not-applied');
    assert.equal(at(first, 'accountName'), "'@ann");
    assert.equal(at(first, 'sourceName'), 'HR\nflat file');
    assert.equal(at(first, 'reason'), "'-ISC refused it");
    assert.equal(at(first, 'trackingId'), 'trk-1');
    assert.deepEqual(JSON.parse(at(first, 'body')), ENTRY.items[0].spec.kind === 'patch' ? ENTRY.items[0].spec.operations : null);
    assert.equal(at(second, 'accountName'), "'+bob");
    assert.equal(at(second, 'taskId'), 't9');
    assert.equal(at(second, 'taskStatus'), 'SUCCESS');
    assert.equal(at(second, 'body'), '', 'only PATCH and PUT have a body');
    for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `a cell starts like a formula: ${cell}`);
  });
});
