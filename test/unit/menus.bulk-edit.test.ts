// Where "Edit Attributes of Selection…" is offered: on flat-file rows, and on any account row
// right-clicked in a selection of several (the plan lists the accounts that are not flat-file
// as skipped), never on one row of another source nor on a row whose change is still running.
import * as assert from 'node:assert/strict';
import { menuFor } from './support/explorer-rows';

const BULK_EDIT = 'iscAccounts.account.bulkEditAttributes';

describe('menus: Edit Attributes of Selection', () => {
  it('is offered on a flat-file row, alone or in a selection', () => {
    assert.ok(menuFor('account:flatfile:enabled:correlated').includes(BULK_EDIT));
    assert.ok(menuFor('account:flatfile:enabled:correlated', 'many').includes(BULK_EDIT));
  });

  it('is offered on a row of another source only in a selection of several', () => {
    assert.ok(!menuFor('account:enabled:correlated').includes(BULK_EDIT));
    assert.ok(menuFor('account:enabled:correlated', 'many').includes(BULK_EDIT));
  });

  it('is offered once per row, and never on a pending row', () => {
    assert.equal(menuFor('account:flatfile:enabled:correlated', 'many').filter((command) => command === BULK_EDIT).length, 1);
    assert.ok(!menuFor('account:flatfile:enabled:correlated:pending', 'many').includes(BULK_EDIT));
    assert.ok(!menuFor('account:enabled:correlated:pending', 'many').includes(BULK_EDIT));
  });
});
