// Which context-menu commands package.json offers for a tree item's contextValue: the `when`
// clauses it uses (`a && b` of `view == x`, `viewItem == x`, `viewItem =~ /re/`,
// `listMultiSelection`) evaluated for the row right-clicked, alone or in a selection of several.
// Plain code shared by the unit tests and the in-VS-Code tests.

export interface MenuEntry {
  command: string;
  when?: string;
}

export type Selection = 'one' | 'many';

export function menuCommandsFor(itemMenu: readonly MenuEntry[], contextValue: string, selection: Selection = 'one'): string[] {
  return itemMenu.filter((entry) => whenHolds(entry.when ?? '', contextValue, selection)).map((entry) => entry.command);
}

function whenHolds(when: string, viewItem: string, selection: Selection): boolean {
  return when.split('&&').every((clause) => {
    const text = clause.trim();
    if (text === 'listMultiSelection') return selection === 'many';
    const regex = /^viewItem =~ \/(.*)\/$/.exec(text);
    if (regex) return new RegExp(regex[1]).test(viewItem);
    const equals = /^(view|viewItem) == (.*)$/.exec(text);
    if (equals) return equals[1] === 'view' ? equals[2] === 'iscAccounts.explorer' : equals[2] === viewItem;
    throw new Error(`unexpected when clause: ${text}`);
  });
}
