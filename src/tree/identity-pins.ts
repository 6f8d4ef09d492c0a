// Pinned identities outlive a window reload: each tenant's pins are kept in the workspace's
// state (ids and names only; their accounts are read again when shown).
import type * as vscode from 'vscode';

export interface PinnedIdentity {
  id: string;
  name?: string;
}

const KEY = 'iscAccounts.pinnedIdentities';

export class IdentityPins {
  constructor(private readonly memento: vscode.Memento) {}

  of(tenantId: string): PinnedIdentity[] {
    const pins = this.all()[tenantId];
    if (!Array.isArray(pins)) return [];
    // Stored by an earlier version or edited by hand: keep only what still reads as a pin.
    return pins.filter((pin): pin is PinnedIdentity => !!pin && typeof pin === 'object' && typeof pin.id === 'string' && pin.id !== '');
  }

  save(tenantId: string, pins: readonly PinnedIdentity[]): void {
    const all = { ...this.all() };
    if (pins.length > 0) all[tenantId] = [...pins];
    else delete all[tenantId];
    void this.memento.update(KEY, all);
  }

  private all(): Record<string, unknown> {
    const stored = this.memento.get<unknown>(KEY);
    return stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  }
}
