// How the explorer shows answers it cannot take as they are, decided without VS Code: a row
// that ISC answered with another account, and a listed page that repeats an account.
import assert from 'node:assert/strict';
import type { Account } from '../../src/isc/models';
import { accountDescription, accountIcon, accountTooltipRows, listedAccountProblems } from '../../src/tree/account-presentation';

const account = (id: string, name = `user-${id}`) => ({ id, name, nativeIdentity: `N-${id}`, disabled: false, locked: false, uncorrelated: false }) as Account;

describe('A row ISC answered with another account', () => {
  const view = { account: account('a1'), flatFile: false, pending: false, wrongAnswer: 'ISC answered the request for account a1 with account b2 ("bob").' };

  it('keeps its own account, shows an error icon, and says so in its description and tooltip', () => {
    assert.deepEqual(accountIcon(view), { id: 'error', color: 'errorForeground' });
    assert.match(accountDescription(view), /not refreshed: ISC answered with another account/);
    const rows = new Map(accountTooltipRows(view));
    assert.equal(rows.get('Id'), 'a1');
    assert.match(rows.get('Not refreshed') ?? '', /with account b2 \("bob"\)\. The row shows what was loaded before; click it \(or Refresh it\) to read it again/);
  });

  it('an ordinary row has no such line', () => {
    assert.equal(new Map(accountTooltipRows({ ...view, wrongAnswer: undefined })).has('Not refreshed'), false);
  });
});

describe('listedAccountProblems', () => {
  it('names every repeat of an account listed before it, and nothing else', () => {
    const items = [account('a'), account('b'), account('a'), account('c'), account('a')];
    assert.deepEqual([...listedAccountProblems(items)], [
      [2, 'ISC listed account a (user-a) twice'],
      [4, 'ISC listed account a (user-a) twice'],
    ]);
    assert.equal(listedAccountProblems([account('a'), account('b')]).size, 0);
  });
});
