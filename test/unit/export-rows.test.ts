// A page of accounts made into the export's rows (src/core/export-rows.ts), and the worker
// thread that does it in the extension (src/core/export-rows-worker.ts), bundled for the test as
// the build bundles it: the same rows either way, bytes moved not copied, failures told.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { accountCsvLine } from '../../src/core/account-csv';
import { exportRowsOf, type ExportRowsSpec } from '../../src/core/export-rows';
import { ExportRowsWorker } from '../../src/core/export-rows-worker';
import type { Account } from '../../src/isc/models';
import { buildExportWorker } from '../../tools/testing/export-worker-bundle';

const accounts: Account[] = [
  { id: 'a1', name: 'Ada', sourceId: 's1', attributes: { department: 'Finance', groups: ['x;y', 'z'] } },
  { id: 'a2', name: '=HYPERLINK("x")', sourceId: 's1', attributes: { department: 'Ops, "North"' } },
  { id: 'a3', name: 'Émile', sourceId: 's1', attributes: {} },
] as Account[];
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const csv: ExportRowsSpec = { format: 'csv', attributes: ['department', 'groups'] };

describe('export rows: a page of accounts made into rows', () => {
  it('CSV: each account as accountCsvLine writes it, in the page\'s order', () => {
    const read = exportRowsOf(encode(accounts), csv);
    assert.ok(!('unread' in read));
    assert.equal(read.count, 3);
    assert.deepEqual({ ...read.value, text: decode(read.value.text) }, { text: accounts.map((a) => accountCsvLine(a, csv.attributes)).join(''), rows: 3, missing: [] });
  });

  it('JSON Lines: each account on one line, as ISC returned it', () => {
    const read = exportRowsOf(encode(accounts), { format: 'jsonl', attributes: [] });
    assert.ok(!('unread' in read));
    const lines = decode(read.value.text).split('\n');
    assert.equal(lines.pop(), '', 'each row ends in a newline');
    assert.deepEqual(lines.map((line) => JSON.parse(line)), accounts);
  });

  it('a page past the first buffer, in characters of every UTF-8 length: the bytes decode to the rows exactly', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ id: `m${i}`, name: `${'aé日😀'.repeat(40)} ${i}`, attributes: { department: '€'.repeat(i % 50) } })) as unknown as Account[];
    const read = exportRowsOf(encode(many), csv);
    assert.ok(!('unread' in read));
    const expected = many.map((a) => accountCsvLine(a, csv.attributes)).join('');
    assert.ok(new TextEncoder().encode(expected).length > 128 * 1024, 'more than twice the first buffer');
    assert.equal(decode(read.value.text), expected);
    assert.equal(read.value.text.byteLength, read.value.text.buffer.byteLength, 'a buffer of its own, to move whole');
  });

  it('in a given order of ids: the rows in that order, the ids the page lacks reported missing, extra accounts left out', () => {
    const read = exportRowsOf(encode(accounts), { format: 'jsonl', attributes: [], order: ['a3', 'gone', 'a1'] });
    assert.ok(!('unread' in read));
    assert.equal(read.count, 3, 'the page held three');
    assert.deepEqual(decode(read.value.text).trim().split('\n').map((line) => (JSON.parse(line) as Account).id), ['a3', 'a1']);
    assert.deepEqual([read.value.rows, read.value.missing], [2, ['gone']]);
  });

  for (const [what, body] of [
    ['an object, not an array', encode({ items: accounts })],
    ['an item without an id', encode([accounts[0], { name: 'no id' }])],
    ['an item with an empty id', encode([{ id: '' }])],
    ['an item that is a string', encode(['a1'])],
    ['an item that is an array', encode([[accounts[0]]])],
    ['JSON cut short', encode(accounts).subarray(0, 40)],
  ] as const) {
    it(`hands the bytes back when they are not a list page: ${what}`, () => {
      const read = exportRowsOf(body, csv);
      assert.ok('unread' in read, 'handed back');
      assert.equal(read.unread, body, 'the same bytes');
    });
  }
});

describe('the export worker thread (bundled as the build does)', function () {
  this.timeout(30_000);
  let dir: string;
  let script: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-rows-'));
    script = await buildExportWorker(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the rows the page gives on this thread, the page moved to it, not copied, and reports its heap', async () => {
    const worker = ExportRowsWorker.start(script);
    try {
      const page = encode(accounts);
      const expected = exportRowsOf(encode(accounts), csv);
      const read = await worker.read(page, csv);
      assert.equal(page.byteLength, 0, 'the caller\'s bytes were moved to the worker');
      assert.ok(!('unread' in read) && !('unread' in expected));
      assert.equal(decode(read.value.text), decode(expected.value.text));
      assert.deepEqual([read.count, read.value.rows, read.value.missing], [3, 3, []]);
      assert.ok((await worker.heapPeak()) > 0, 'its heap is known');
    } finally {
      await worker.close();
    }
  });

  it('hands back a page it cannot read, whole, for the client to name the fault', async () => {
    const worker = ExportRowsWorker.start(script);
    try {
      const read = await worker.read(encode([{ name: 'no id' }]), csv);
      assert.ok('unread' in read);
      assert.equal(decode(read.unread), JSON.stringify([{ name: 'no id' }]));
    } finally {
      await worker.close();
    }
  });

  it('closed, fails what is asked of it with that reason rather than hanging', async () => {
    const worker = ExportRowsWorker.start(script);
    await worker.close();
    await assert.rejects(worker.read(encode(accounts), csv), /The export's worker thread was closed/);
  });

  it('a script that is not there: each read fails naming the worker thread', async () => {
    const worker = ExportRowsWorker.start(path.join(dir, 'missing.js'));
    try {
      await assert.rejects(worker.read(encode(accounts), csv), /The export's worker thread (failed|stopped)/);
    } finally {
      await worker.close();
    }
  });
});
