// How a pinned identity looks in the tree, decided without VS Code: its contextValue (which
// IDN toggle its menu offers) and its description. Tested in plain Node.
import { formatCount } from './source-presentation';

export interface IdentityView {
  name: string;
  /** Its accounts were listed (until then nothing is known about them). */
  loaded: boolean;
  accounts: number;
  sources: number;
  /** Its IDN account's state, when the list has one. */
  idn?: { disabled: boolean; pending: boolean };
}

/** `identity[:idn:enabled|:idn:disabled][:pending]`: a toggle only when the IDN account's state is known. */
export function identityContextValue({ idn }: IdentityView): string {
  if (!idn) return 'identity';
  return ['identity', 'idn', idn.disabled ? 'disabled' : 'enabled', idn.pending ? 'pending' : ''].filter(Boolean).join(':');
}

/** "3 accounts in 3 sources · IDN account disabled" */
export function identityDescription(view: IdentityView): string {
  if (!view.loaded) return 'identity';
  const accounts = `${formatCount(view.accounts)} ${view.accounts === 1 ? 'account' : 'accounts'}`;
  const sources = view.sources > 1 ? ` in ${formatCount(view.sources)} sources` : '';
  const idn = view.idn ? `IDN account ${view.idn.pending ? 'pending' : view.idn.disabled ? 'disabled' : 'enabled'}` : 'no IDN account';
  return `${accounts}${sources} · ${idn}`;
}
