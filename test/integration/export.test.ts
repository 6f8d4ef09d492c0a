// Export Accounts in the real VS Code against a sandbox tenant: a source's accounts with the
// tree's filter and sort (from a script, and through the prompts), a selection of account rows,
// the CSV read back against the sandbox's own accounts, cancel, and a place that cannot be written.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExportResult } from '../../src/core/account-export';
import type { Account } from '../../src/isc/models';
import { accountView } from '../../src/sandbox/state/openapi-json';
import { parseCsv } from '../../tools/testing/csv-reader';
import { accountIdOf, accountListRequests, accountNodes, notices, run, sandboxTenant, sourceNode, until, type ExplorerNode, type SandboxTenantFixture } from './explorer-helpers';

const AD = 'Active Directory';
const EXPORT = 'iscAccounts.source.exportAccounts';

describe('Export Accounts: source, selection, CSV, cancel and write errors', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  let ad: ExplorerNode;
  let dir: string;

  before(async () => {
    fx = await sandboxTenant('export-test');
    ad = await sourceNode(fx, AD);
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-vscode-'));
  });
  afterEach(async () => {
    fx.sandbox.setFaults({ latencyMs: 0 });
    await run('iscAccounts.source.clearFilter', ad);
  });
  after(async () => {
    await fx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sandboxAccount = (id: string): Account => accountView(fx.sandbox.tenant, fx.sandbox.tenant.account(id)!) as Account;
  const csvRecords = (file: string) => {
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  };

  /** A name prefix a handful of the source's accounts share: all of them fit on the first page. */
  function commonPrefix(): string {
    const counts = new Map<string, number>();
    for (const account of fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id)) {
      const start = account.name.slice(0, 2);
      counts.set(start, (counts.get(start) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).find(([start, count]) => /^[a-z]+$/.test(start) && count < 100)![0];
  }

  async function filterAndSort(filter: string, field: string, direction: 'Ascending' | 'Descending'): Promise<string[]> {
    fx.api.ui.answer([filter]);
    await run('iscAccounts.source.filterAccounts', ad);
    fx.api.ui.answer([field, direction]);
    await run('iscAccounts.source.sortAccounts', ad);
    return (await accountNodes(fx, ad)).map(accountIdOf);
  }

  it('exports a source with the tree\'s filter and sort, from a script: the rows the tree shows, in its order, as CSV', async () => {
    const prefix = commonPrefix();
    const shown = await filterAndSort(`name sw "${prefix}"`, 'name', 'Descending');
    assert.ok(shown.length > 5 && shown.length < 250, `${shown.length} accounts match, all on the first page`);
    const file = path.join(dir, 'filtered.csv');
    const since = fx.sandbox.requestLog().length;
    fx.api.ui.answer([]);
    const result = await run<ExportResult>(EXPORT, { tenantId: fx.tenantId, sourceId: fx.sandbox.tenant.largeSource().id, format: 'csv', attributes: ['department', 'memberOf'], file });
    assert.deepEqual([result.rows, result.complete, result.cancelled], [shown.length, true, false]);
    const sent = new URLSearchParams(accountListRequests(fx.sandbox, since)[0].query);
    assert.match(sent.get('filters') ?? '', new RegExp(`name sw "${prefix}"`));
    assert.equal(sent.get('sorters'), '-name');
    const records = csvRecords(file);
    assert.deepEqual(records.map((r) => r.id), shown, 'the tree\'s rows in the tree\'s order');
    for (const record of records.slice(0, 10)) {
      const account = sandboxAccount(record.id);
      assert.equal(record.name, account.name);
      assert.equal(record.nativeIdentity, account.nativeIdentity);
      assert.equal(record.disabled, String(account.disabled));
      assert.equal(record['attributes.department'], account.attributes?.department ?? '');
      assert.equal(record['attributes.memberOf'], ((account.attributes?.memberOf ?? []) as string[]).join('; '), 'multi-valued: "; " between the items');
    }
    assert.match(notices(fx.api, 'info').join('\n'), new RegExp(`Exported ${shown.length} accounts of ${AD} \\(filter: name sw "${prefix}"\\) to .*filtered\\.csv`));
  });

  it('asks format, attribute columns and file through the prompts when run from the source row', async () => {
    const file = path.join(dir, 'prompted.csv');
    let offered: string[] = [];
    fx.api.ui.answer([
      'CSV',
      (prompt) => {
        offered = prompt.items ?? [];
        return ['mail', 'title'];
      },
      file,
    ]);
    const result = await run<ExportResult>(EXPORT, ad);
    const kinds = fx.api.ui.transcript.filter((entry) => entry.kind !== 'notice').map((entry) => entry.kind);
    assert.deepEqual(kinds, ['pick', 'pick-many', 'save']);
    assert.ok(offered.includes('department') && offered.includes('memberOf') && offered.includes('sAMAccountName'), `offered ${offered.join(', ')}`);
    assert.equal(result.rows, fx.sandbox.tenant.accountsOfSource(fx.sandbox.tenant.largeSource().id).length);
    const header = parseCsv(readFileSync(file, 'utf8'))[0];
    assert.deepEqual(header.slice(-3), ['modified', 'attributes.mail', 'attributes.title'], 'the fields, then only the attributes picked');
  });

  it('exports the selected account rows as JSON Lines with one `id in (…)` request, each account as ISC returned it', async () => {
    const nodes = await accountNodes(fx, ad);
    const selected = [nodes[4], nodes[0], nodes[9]];
    const file = path.join(dir, 'selected.jsonl');
    const since = fx.sandbox.requestLog().length;
    fx.api.ui.answer(['JSON Lines', file]);
    const result = await run<ExportResult>(EXPORT, selected[0], selected);
    assert.equal(result.rows, 3);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'one account a line, each ending with a line break');
    const exported = lines.map((line) => JSON.parse(line) as Account);
    assert.deepEqual(exported.map((a) => a.id), selected.map(accountIdOf), 'in the order selected');
    assert.deepEqual(exported[0], sandboxAccount(accountIdOf(selected[0])));
    const requests = accountListRequests(fx.sandbox, since);
    assert.equal(requests.length, 1);
    assert.match(new URLSearchParams(requests[0].query).get('filters') ?? '', /^id in \(/);
  });

  it('writes hostile values as RFC 4180 text a spreadsheet will not run: quotes, commas, line breaks, formulas, list items', async () => {
    const tenant = fx.sandbox.tenant;
    const [first, second] = tenant.accountsOfSource(tenant.flatFileSource().id);
    const hostile: Record<string, string> = {
      formula: '=HYPERLINK("http://evil.example","click")',
      plus: '+1+1',
      minus: '-2+3',
      at: '@SUM(A1)',
      tab: '\tstarts with a tab',
      apostrophe: "'quoted already",
      quoted: 'She said "hi", then left',
      lines: 'line one\r\nline two',
    };
    tenant.updateAccount(first.id, { storedAttributes: { ...tenant.attributesOf(tenant.account(first.id)!), ...hostile, groups: ['a;b', 'c\\d', '=cmd'] } });
    tenant.updateAccount(second.id, { storedAttributes: { ...tenant.attributesOf(tenant.account(second.id)!), formula: 'plain', plus: -5 } });
    const file = path.join(dir, 'hostile.csv');
    fx.api.ui.answer([]);
    const attributes = [...Object.keys(hostile), 'groups'];
    const result = await run<ExportResult>(EXPORT, { tenantId: fx.tenantId, accountIds: [first.id, second.id], format: 'csv', attributes, file });
    assert.equal(result.rows, 2);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('"\'=HYPERLINK(""http://evil.example"",""click"")"'), 'a formula: one apostrophe before it, quotes doubled, the cell quoted');
    const [one, two] = csvRecords(file);
    assert.deepEqual(
      Object.fromEntries(Object.keys(hostile).map((name) => [name, one[`attributes.${name}`]])),
      {
        formula: `'${hostile.formula}`,
        plus: "'+1+1",
        minus: "'-2+3",
        at: "'@SUM(A1)",
        tab: "'\tstarts with a tab",
        apostrophe: "''quoted already",
        quoted: 'She said "hi", then left',
        lines: 'line one\r\nline two',
      },
    );
    assert.equal(one['attributes.groups'], 'a\\;b; c\\\\d; =cmd', 'items joined by "; ", their own ";" and "\\" escaped; a cell starting with an item that is no formula');
    assert.deepEqual([two['attributes.formula'], two['attributes.plus']], ['plain', '-5'], 'plain text and a number stay as they are');
  });

  it('cancelled, writes no file and says so', async () => {
    fx.sandbox.setFaults({ latencyMs: 400 });
    const file = path.join(dir, 'cancelled.csv');
    fx.api.ui.answer([]);
    const running = run<ExportResult>(EXPORT, { tenantId: fx.tenantId, sourceId: fx.sandbox.tenant.largeSource().id, format: 'csv', attributes: [], file });
    // The pages are read in the export's worker thread, running while the export does.
    await until(async () => (await fx.api.exportWorkersHeapPeak()) > 0, 'the export\'s worker thread');
    await until(() => fx.api.ui.cancelProgress() > 0, 'the export\'s progress');
    const result = await running;
    assert.equal(await fx.api.exportWorkersHeapPeak(), 0, 'the worker thread ended with the export');
    assert.equal(result.cancelled, true);
    assert.equal(result.complete, false);
    assert.equal(existsSync(file), false);
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('cancelled')), [], 'no temporary file left either');
    assert.match(notices(fx.api).join('\n'), /Export cancelled after \d+ accounts?; .*cancelled\.csv was not written\. The unfinished file was removed\./);
  });

  it('a place that cannot be written gives a message naming it, before anything is fetched', async () => {
    const missingFolder = path.join(dir, 'no-such-folder', 'out.csv');
    writeFileSync(path.join(dir, 'a-file'), '');
    const underAFile = path.join(dir, 'a-file', 'out.csv');
    for (const [file, why] of [
      [missingFolder, `the folder ${path.dirname(missingFolder)} does not exist`],
      [underAFile, `${path.dirname(underAFile)} is not a folder`],
    ]) {
      fx.api.ui.answer([]);
      const since = fx.sandbox.requestLog().length;
      const result = await run(EXPORT, { tenantId: fx.tenantId, sourceId: fx.sandbox.tenant.largeSource().id, format: 'jsonl', file });
      assert.equal(result, undefined);
      assert.deepEqual(notices(fx.api, 'error'), [`Cannot write the export to ${file}: ${why}. Choose another place.`]);
      // The tree's own SLIM listings (it reloads the source after the last test's Clear Filter, at
      // a time of VS Code's choosing) are not the export's, which reads FULL accounts.
      const exportReads = accountListRequests(fx.sandbox, since).filter((entry) => !/detailLevel=SLIM/.test(entry.query));
      assert.deepEqual(exportReads, [], 'no account was read');
    }
  });
});
