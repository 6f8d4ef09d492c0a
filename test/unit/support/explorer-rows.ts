// What the explorer's presentation tests share: an account as ISC lists it (Ann Lee's, on the
// flat-file source; a test overrides what it is about), and the context-menu commands
// package.json's own `when` clauses offer for a contextValue.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Account } from '../../../src/isc/models';
import { menuCommandsFor, type MenuEntry, type Selection } from '../../../tools/testing/menu-when';

export function accountRow(overrides: Partial<Account> = {}): Account {
  return {
    id: 'a1',
    name: 'ann.lee',
    nativeIdentity: 'C10001',
    sourceId: 's1',
    sourceName: 'Contractor Roster (CSV)',
    attributes: {},
    authoritative: false,
    disabled: false,
    locked: false,
    systemAccount: false,
    uncorrelated: false,
    manuallyCorrelated: false,
    hasEntitlements: true,
    identityId: 'i1',
    identity: { id: 'i1', name: 'Ann Lee', type: 'IDENTITY' },
    ...overrides,
  };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const itemMenu: MenuEntry[] = manifest.contributes.menus['view/item/context'];

export function menuFor(contextValue: string, selection: Selection = 'one'): string[] {
  return menuCommandsFor(itemMenu, contextValue, selection);
}
