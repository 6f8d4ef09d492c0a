// Which context-menu commands package.json offers for a tree item's contextValue: the `when`
// clauses it uses (`a && b` of `view == x`, `viewItem == x`, `viewItem =~ /re/`) evaluated.
// Plain code shared by the unit tests and the in-VS-Code tests.

export interface MenuEntry {
  command: string;
  when?: string;
}

export function menuCommandsFor(itemMenu: readonly MenuEntry[], contextValue: string): string[] {
  return itemMenu.filter((entry) => whenHolds(entry.when ?? '', contextValue)).map((entry) => entry.command);
}

function whenHolds(when: string, viewItem: string): boolean {
  return when.split('&&').every((clause) => {
    const text = clause.trim();
    const regex = /^viewItem =~ \/(.*)\/$/.exec(text);
    if (regex) return new RegExp(regex[1]).test(viewItem);
    const equals = /^(view|viewItem) == (.*)$/.exec(text);
    if (equals) return equals[1] === 'view' ? equals[2] === 'iscAccounts.explorer' : equals[2] === viewItem;
    throw new Error(`unexpected when clause: ${text}`);
  });
}
