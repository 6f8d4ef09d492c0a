// IDN accounts and pinned identities in the explorer, decided without VS Code: their
// contextValues evaluated against package.json's own `when` clauses, and their descriptions.
import assert from 'node:assert/strict';
import type { Account, Source } from '../../src/isc/models';
import { accountContextValue, accountDescription } from '../../src/tree/account-presentation';
import { identityContextValue, identityDescription } from '../../src/tree/identity-presentation';
import { sourceContextValue, sourceIcon } from '../../src/tree/source-presentation';
import { accountRow, menuFor } from './support/explorer-rows';

const ENABLE_IDN = 'iscAccounts.identity.enableIdnAccount';
const DISABLE_IDN = 'iscAccounts.identity.disableIdnAccount';
const SHOW = 'iscAccounts.account.showIdentityAccounts';

/** Ann Lee's IDN account, unless a test says otherwise. */
function account(overrides: Partial<Account> = {}): Account {
  return accountRow({ nativeIdentity: 'ann.lee', sourceId: 'idn', sourceName: 'IdentityNow', hasEntitlements: false, ...overrides });
}

const idnSource: Source = { id: 'idn', name: 'IdentityNow', owner: null, type: 'IdentityNowConnector', connector: 'IdentityNowConnector' };
const ad: Source = { id: 's2', name: 'Active Directory', owner: null, type: 'Active Directory - Direct', connector: 'active-directory' };

describe('Explorer: the IdentityNow source and its IDN account rows', () => {
  it('marks the IdentityNow source with its own icon and keeps Remove All Accounts off it', () => {
    assert.equal(sourceContextValue(idnSource, false), 'source:idn');
    assert.notEqual(sourceIcon(idnSource), sourceIcon(ad));
    assert.ok(!menuFor('source:idn').includes('iscAccounts.source.removeAllAccounts'));
    assert.ok(menuFor('source').includes('iscAccounts.source.removeAllAccounts'));
  });

  it('marks IDN rows :idn, in the documented order', () => {
    assert.equal(accountContextValue({ account: account(), flatFile: false, idn: true, pending: false }), 'account:idn:enabled:correlated');
    assert.equal(
      accountContextValue({ account: account({ disabled: true, locked: true }), flatFile: false, idn: true, pending: true }),
      'account:idn:disabled:locked:correlated:pending',
    );
  });

  it('offers on an IDN row the IDN toggle its state calls for, instead of the regular enable/disable', () => {
    const enabled = menuFor(accountContextValue({ account: account(), flatFile: false, idn: true, pending: false }));
    assert.ok(enabled.includes(DISABLE_IDN) && !enabled.includes(ENABLE_IDN), enabled.join(', '));
    const disabled = menuFor(accountContextValue({ account: account({ disabled: true }), flatFile: false, idn: true, pending: false }));
    assert.ok(disabled.includes(ENABLE_IDN) && !disabled.includes(DISABLE_IDN), disabled.join(', '));
    for (const menu of [enabled, disabled]) {
      for (const regular of ['enable', 'disable', 'enableWithOptions', 'disableWithOptions', 'reassign', 'uncorrelate', 'setManuallyCorrelated', 'remove']) {
        assert.ok(!menu.includes(`iscAccounts.account.${regular}`), `${regular} is not offered on an IDN row`);
      }
      assert.ok(menu.includes(SHOW) && menu.includes('iscAccounts.account.reload') && menu.includes('iscAccounts.account.showJson'));
    }
    const pending = menuFor(accountContextValue({ account: account(), flatFile: false, idn: true, pending: true }));
    assert.ok(!pending.includes(DISABLE_IDN) && !pending.includes(ENABLE_IDN), 'no second toggle while one is in flight');
  });

  it('no longer offers the IDN toggles on correlated rows of other sources', () => {
    for (const disabled of [false, true]) {
      const menu = menuFor(accountContextValue({ account: account({ disabled, sourceId: 's2' }), flatFile: false, pending: false }));
      assert.ok(!menu.includes(ENABLE_IDN) && !menu.includes(DISABLE_IDN), menu.join(', '));
      assert.ok(menu.includes(SHOW));
      assert.ok(menu.includes(disabled ? 'iscAccounts.account.enable' : 'iscAccounts.account.disable'));
    }
    const lonely = menuFor(accountContextValue({ account: account({ uncorrelated: true, sourceId: 's2' }), flatFile: false, pending: false }));
    assert.ok(!lonely.includes(SHOW), 'an uncorrelated account has no identity to show');
  });

  it('names the source instead of the identity on an identity’s rows', () => {
    assert.equal(accountDescription({ account: account({ disabled: true }), flatFile: false, pending: false, sourceLabel: 'IdentityNow' }), 'IdentityNow · disabled');
    assert.equal(accountDescription({ account: account(), flatFile: false, pending: false }), 'Ann Lee');
  });
});

describe('Explorer: a pinned identity', () => {
  const view = { name: 'Ann Lee', loaded: true, accounts: 3, sources: 3 };

  it('offers the IDN toggle that fits its IDN account, none while it is unknown or pending, and Close always', () => {
    assert.equal(identityContextValue({ ...view, loaded: false }), 'identity');
    const enabled = menuFor(identityContextValue({ ...view, idn: { disabled: false, pending: false } }));
    assert.ok(enabled.includes(DISABLE_IDN) && !enabled.includes(ENABLE_IDN), enabled.join(', '));
    const disabled = menuFor(identityContextValue({ ...view, idn: { disabled: true, pending: false } }));
    assert.ok(disabled.includes(ENABLE_IDN) && !disabled.includes(DISABLE_IDN), disabled.join(', '));
    const pending = menuFor(identityContextValue({ ...view, idn: { disabled: true, pending: true } }));
    assert.ok(!pending.includes(ENABLE_IDN) && !pending.includes(DISABLE_IDN));
    for (const menu of [enabled, disabled, pending, menuFor('identity')]) assert.ok(menu.includes('iscAccounts.identity.close'));
    assert.ok(!menuFor('identity').some((command) => command.startsWith('iscAccounts.account.')), 'no account actions on the identity row');
  });

  it('describes its accounts, their sources and its IDN account', () => {
    assert.equal(identityDescription({ ...view, idn: { disabled: true, pending: false } }), '3 accounts in 3 sources · IDN account disabled');
    assert.equal(identityDescription({ ...view, accounts: 1, sources: 1 }), '1 account · no IDN account');
    assert.equal(identityDescription({ ...view, loaded: false }), 'identity');
  });
});
