// How accounts and sources look in the explorer and which context-menu entries they get,
// decided without VS Code: contextValues evaluated against package.json's own `when` clauses.
import assert from 'node:assert/strict';
import type { Source } from '../../src/isc/models';
import {
  accountContextValue,
  accountDescription,
  accountIcon,
  accountTooltipRows,
} from '../../src/tree/account-presentation';
import { isFlatFileSource } from '../../src/isc/source-kind';
import {
  loadMoreLabel,
  sourceAccountsFilter,
  sourceContextValue,
  sourceDescription,
} from '../../src/tree/source-presentation';
import { accountRow as account, menuFor } from './support/explorer-rows';

const flatFile: Source = { id: 's1', name: 'Contractor Roster (CSV)', owner: null, type: 'DelimitedFile', connector: 'delimited-file' };
const ad: Source = { id: 's2', name: 'Active Directory', owner: null, type: 'Active Directory - Direct', connector: 'active-directory' };

describe('Explorer: account rows', () => {
  it('encode their capabilities in contextValue in the documented order', () => {
    assert.equal(accountContextValue({ account: account(), flatFile: true, pending: false }), 'account:flatfile:enabled:correlated');
    assert.equal(
      accountContextValue({ account: account({ disabled: true, locked: true, uncorrelated: true, manuallyCorrelated: true }), flatFile: false, pending: true }),
      'account:disabled:locked:uncorrelated:manual:pending',
    );
    const pattern = /^account(:flatfile)?(:enabled|:disabled)(:locked)?(:correlated|:uncorrelated)(:manual)?(:pending)?$/;
    for (const disabled of [false, true]) {
      for (const locked of [false, true]) {
        const value = accountContextValue({ account: account({ disabled, locked }), flatFile: locked, pending: disabled });
        assert.match(value, pattern);
      }
    }
  });

  it('offer delete and attribute editing only on flat-file accounts', () => {
    const direct = menuFor(accountContextValue({ account: account(), flatFile: false, pending: false }));
    assert.ok(direct.includes('iscAccounts.account.disable'));
    for (const command of ['iscAccounts.account.delete', 'iscAccounts.account.editAttributes', 'iscAccounts.account.replaceAttributes']) {
      assert.ok(!direct.includes(command), `${command} must not be offered on a direct-connect account`);
    }
    const file = menuFor(accountContextValue({ account: account(), flatFile: true, pending: false }));
    assert.ok(file.includes('iscAccounts.account.delete'));
    assert.ok(file.includes('iscAccounts.account.editAttributes'));
  });

  it('offer unlock only on locked accounts, enable only on disabled, disable only on enabled', () => {
    const plain = menuFor(accountContextValue({ account: account(), flatFile: false, pending: false }));
    assert.ok(!plain.includes('iscAccounts.account.unlock'));
    assert.ok(!plain.includes('iscAccounts.account.enable'));
    const locked = menuFor(accountContextValue({ account: account({ locked: true, disabled: true }), flatFile: false, pending: false }));
    assert.ok(locked.includes('iscAccounts.account.unlock'));
    assert.ok(locked.includes('iscAccounts.account.enable'));
    assert.ok(!locked.includes('iscAccounts.account.disable'));
  });

  it('offer uncorrelate and IDN toggles only on correlated accounts', () => {
    const lonely = menuFor(accountContextValue({ account: account({ uncorrelated: true }), flatFile: false, pending: false }));
    assert.ok(!lonely.includes('iscAccounts.account.uncorrelate'));
    assert.ok(!lonely.includes('iscAccounts.identity.disableIdnAccount'));
    assert.ok(lonely.includes('iscAccounts.account.reassign'));
  });

  it('tell enabled, disabled, locked, uncorrelated and pending apart by icon', () => {
    const icons = [
      account(),
      account({ disabled: true }),
      account({ locked: true }),
      account({ uncorrelated: true }),
    ].map((a) => accountIcon({ account: a, flatFile: false, pending: false }).id);
    icons.push(accountIcon({ account: account(), flatFile: false, pending: true }).id);
    assert.equal(new Set(icons).size, 5, `icons: ${icons.join(', ')}`);
  });

  it('describe the owner, or the native identity, plus unusual states', () => {
    assert.equal(accountDescription({ account: account(), flatFile: false, pending: false }), 'Ann Lee');
    assert.equal(
      accountDescription({ account: account({ identity: undefined, uncorrelated: true, locked: true }), flatFile: false, pending: false }),
      'C10001 · locked, uncorrelated',
    );
  });

  it('list the key facts in the tooltip, skipping what is unknown', () => {
    const rows = Object.fromEntries(accountTooltipRows({ account: account({ created: '2024-01-02T03:04:05Z' }), flatFile: true, pending: false }));
    assert.equal(rows.Name, 'ann.lee');
    assert.equal(rows.Identity, 'Ann Lee');
    assert.equal(rows.Source, 'Contractor Roster (CSV)');
    assert.equal(rows.State, 'enabled');
    assert.equal(rows.Id, 'a1');
    assert.equal(rows.Modified, undefined);
  });
});

describe('Explorer: source rows', () => {
  it('mark flat-file sources, show the connector type, the count and the filter', () => {
    assert.equal(isFlatFileSource(flatFile), true);
    assert.equal(isFlatFileSource(ad), false);
    assert.equal(sourceContextValue(flatFile, true), 'source:flatfile:filtered');
    assert.equal(sourceContextValue(ad, false), 'source');
    assert.equal(sourceDescription(flatFile, undefined, { total: 1200 }), 'DelimitedFile · flat file · 1,200 accounts');
    assert.equal(sourceDescription(ad, undefined, { counting: true }), 'Active Directory - Direct · counting…');
    assert.equal(
      sourceDescription(ad, 'name sw "ann"', { total: 25000, matching: 12 }),
      'Active Directory - Direct · 25,000 accounts · 12 match filter: name sw "ann"',
    );
  });

  it('offer create account only on flat-file sources and clear filter only when filtered', () => {
    assert.ok(menuFor('source:flatfile').includes('iscAccounts.source.createAccount'));
    assert.ok(!menuFor('source').includes('iscAccounts.source.createAccount'));
    assert.ok(menuFor('source:filtered').includes('iscAccounts.source.clearFilter'));
    assert.ok(!menuFor('source').includes('iscAccounts.source.clearFilter'));
  });

  it('say how many are loaded and how many more the next page brings', () => {
    assert.equal(loadMoreLabel(250, 25000, 250), 'Loaded 250 of 25,000 — load 250 more');
    assert.equal(loadMoreLabel(500, 600, 250), 'Loaded 500 of 600 — load 100 more');
    assert.equal(loadMoreLabel(250, undefined, 250), 'Loaded 250 — load 250 more');
  });

  it('send the source id and the user filter together, the user filter kept whole', () => {
    assert.equal(sourceAccountsFilter('s1', undefined), 'sourceId eq "s1"');
    const combined = sourceAccountsFilter('s1', 'name sw "a" or name sw "b"');
    assert.match(combined, /^sourceId eq "s1" and \(name sw "a" or name sw "b"\)$/);
  });
});
