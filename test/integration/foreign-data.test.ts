// Answers this project did not generate, through a rewriting proxy in front of the sandbox:
// a row takes only the account it asked for (else it keeps its data and says so, with a
// retry), a listed page with an id twice or none shows error rows for those items, and the
// palette's source picker uses the tree's list of sources instead of asking ISC again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IscClient, type Account } from '../../src/isc';
import type { ScriptedAnswer } from '../../src/ui/prompt-types';
import type { AccountRow } from '../../src/tree/account-row';
import { startAnswerRewriter } from './answer-rewriter';
import {
  accountIdOf,
  accountNodes,
  children,
  contextOf,
  descriptionOf,
  item,
  labelOf,
  run,
  sandboxTenant,
  sourceNode,
  tenantNode,
  type ExplorerNode,
  type SandboxTenantFixture,
} from './explorer-helpers';
import { logFileWithMarker } from './log-file';
import { resolvedTooltip } from './tooltip-helpers';

/** What the proxy does to answers, set per test. */
const rewrite: { account?: { askedFor: string; answer: Account }; mangleLists?: boolean } = {};

/** The second and fourth items repeat the first. */
function mangled(body: unknown): unknown {
  const items = [...(body as Array<Record<string, unknown>>)];
  if (items.length < 4) return items;
  items[1] = { ...items[0] };
  items[3] = { ...items[0] };
  return items;
}

describe('Data this project did not generate', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;

  before(async () => {
    fx = await sandboxTenant('foreign-data-test', {}, (sandbox) =>
      startAnswerRewriter(sandbox.baseUrl, [
        { method: 'GET', path: /\/accounts\/[^/]+$/, rewrite: (body) => (rewrite.account && (body as Account).id === rewrite.account.askedFor ? rewrite.account.answer : body) },
        { method: 'GET', path: /\/accounts$/, rewrite: (body) => (rewrite.mangleLists ? mangled(body) : body) },
      ]),
    );
  });
  afterEach(() => {
    delete rewrite.account;
    delete rewrite.mangleLists;
    fx.api.ui.stopAnswering();
  });
  after(async () => {
    await fx?.close();
  });

  /** From now on (until the test ends), ISC answers a read of account `askedFor` with account `otherId`. */
  async function answerWithAnother(askedFor: string, otherId: string): Promise<void> {
    const tenant = fx.api.tenants.get(fx.tenantId)!;
    const direct = new IscClient({ baseUrl: tenant.baseUrl, clientId: fx.sandbox.clientId, clientSecret: fx.sandbox.clientSecret });
    rewrite.account = { askedFor, answer: await direct.getAccount(otherId) };
  }

  const sourcesRequests = () => fx.sandbox.requestLog().filter((entry) => entry.method === 'GET' && /\/sources$/.test(entry.path)).length;

  /** Filter Accounts from the palette, stopped at its source pick; the labels it offered. */
  async function paletteSourcePick(): Promise<string[]> {
    let offered: string[] = [];
    const answers: ScriptedAnswer[] = [
      (info) => {
        if (info.prompt === 'Which tenant?') return fx.label;
        offered = info.items ?? [];
        return undefined;
      },
      (info) => {
        offered = info.items ?? [];
        return undefined;
      },
    ];
    fx.api.ui.answer(answers);
    await run('iscAccounts.source.filterAccounts');
    return offered;
  }

  describe('the palette’s source picker uses the tree’s sources', () => {
    it('before the tree is expanded: one fetch, which the tree then shows without another', async () => {
      const before = sourcesRequests();
      const offered = await paletteSourcePick();
      assert.equal(sourcesRequests() - before, 1, 'the picker fetched the sources once');
      const shown = (await children(fx.api, await tenantNode(fx))).map(labelOf);
      assert.equal(sourcesRequests() - before, 1, 'the tree used the list the picker fetched');
      assert.deepEqual(offered, shown);
      assert.ok(shown.length >= 3, `the tree shows the sandbox's sources: ${shown.join(', ')}`);
    });

    it('with the tree expanded: no request, and the same sources as the tree', async () => {
      const shown = (await children(fx.api, await tenantNode(fx))).map(labelOf);
      const before = sourcesRequests();
      const offered = await paletteSourcePick();
      assert.equal(sourcesRequests() - before, 0, 'no /sources request');
      assert.deepEqual(offered, shown);
    });
  });

  describe('a row accepts only the account it asked for', () => {
    it('keeps its data, says ISC answered with another account, logs what came, and Refresh retries', async () => {
      const source = await sourceNode(fx, 'Active Directory');
      const rows = (await accountNodes(fx, source)).filter((node) => contextOf(node).includes(':enabled'));
      const [row, other] = [rows[0], rows[5]];
      const [askedFor, otherId] = [accountIdOf(row), accountIdOf(other)];
      const label = labelOf(row);
      await answerWithAnother(askedFor, otherId);

      fx.api.ui.answer([]);
      await run('iscAccounts.account.disable', row);
      assert.equal(fx.sandbox.tenant.account(askedFor)!.disabled, true, 'the action itself went through');
      assert.equal(labelOf(row), label, 'the row still shows its own account');
      assert.equal((row as unknown as { row: AccountRow }).row.id, askedFor);
      assert.match(descriptionOf(row), /ISC answered with another account/);
      const tooltip = await resolvedTooltip(fx.api, row);
      assert.ok(tooltip.includes(`with account ${otherId}`), tooltip);
      const retry = item(row).command;
      assert.equal(retry?.command, 'iscAccounts.refresh');
      assert.equal(retry?.arguments?.[0], row, 'clicking the row refreshes it');
      const { file } = await logFileWithMarker(`Refreshing account ${askedFor}: ISC answered with account ${otherId} instead`);
      assert.ok(file, 'the log says which account came back');

      delete rewrite.account;
      await vscode.commands.executeCommand(retry!.command, ...(retry!.arguments ?? []));
      assert.doesNotMatch(descriptionOf(row), /another account/);
      assert.match(contextOf(row), /:disabled/, 'the row shows the account as ISC has it now');
    });

    it('a command given only the id reads it first, and stops when ISC answers with another account', async () => {
      const rows = await accountNodes(fx, await sourceNode(fx, 'Active Directory'));
      const [askedFor, otherId] = [accountIdOf(rows[1]), accountIdOf(rows[6])];
      await answerWithAnother(askedFor, otherId);
      fx.api.ui.answer([]);
      const mark = fx.sandbox.ledger.mark();
      await run('iscAccounts.account.remove', { tenantId: fx.tenantId, accountId: askedFor });
      assert.deepEqual(fx.sandbox.ledger.entries({ since: mark }), [], 'nothing was sent');
      assert.ok(fx.sandbox.tenant.account(askedFor), 'the account is still there');
      const errors = fx.api.ui.transcript.filter((entry) => entry.kind === 'notice' && entry.level === 'error').map((entry) => entry.message);
      assert.ok(errors.some((text) => text?.includes(`ISC answered the request for account ${askedFor} with account ${otherId}`)), errors.join('\n'));
      assert.ok(!fx.api.ui.transcript.some((entry) => entry.kind === 'confirm'), 'no confirmation naming the wrong account was asked');
    });

    it('Check Status answered with another account says so and keeps the row', async () => {
      const rows = await accountNodes(fx, await sourceNode(fx, 'Active Directory'));
      const [row, other] = [rows[2], rows[7]];
      const [askedFor, otherId] = [accountIdOf(row), accountIdOf(other)];
      const label = labelOf(row);
      await answerWithAnother(askedFor, otherId);
      fx.api.ui.answer([]);
      const status = await run<{ now: string[]; message: string }>('iscAccounts.account.checkStatus', row);
      assert.deepEqual(status.now, ['unknown']);
      assert.match(status.message, new RegExp(`ISC now says: nothing about it: ISC answered the request for account ${askedFor} with account ${otherId}`));
      assert.equal(labelOf(row), label, 'the row still shows its own account');
      assert.match(descriptionOf(row), /ISC answered with another account/);
    });

    it('a listed page with an id twice shows the repeats as error rows, the rest as accounts', async () => {
      const source = await sourceNode(fx, 'Active Directory');
      rewrite.mangleLists = true;
      await run('iscAccounts.refresh', source);
      const rows: ExplorerNode[] = await children(fx.api, source);
      assert.ok(rows.length > 10, rows.map(labelOf).join(', '));
      const repeated = `ISC listed account ${accountIdOf(rows[0])} (${labelOf(rows[0])}) twice — click to reload`;
      assert.deepEqual([rows[1], rows[3]].map(labelOf), [repeated, repeated]);
      assert.deepEqual([rows[1], rows[3]].map(contextOf), ['error', 'error']);
      assert.match(contextOf(rows[2]), /^account/);
      assert.equal(new Set(rows.map((node) => node.id)).size, rows.length, 'every row has its own tree id');
      assert.ok(rows.slice(4, 10).every((node) => contextOf(node).startsWith('account')));

      delete rewrite.mangleLists;
      await vscode.commands.executeCommand(item(rows[1]).command!.command, ...(item(rows[1]).command!.arguments ?? []));
      const fixed = await children(fx.api, source);
      assert.ok(fixed.slice(0, 10).every((node) => contextOf(node).startsWith('account')), fixed.slice(0, 3).map(labelOf).join(', '));
    });
  });
});
