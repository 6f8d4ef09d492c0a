// Send Again, offered only for an item not applied or unknown. An unknown one may have been
// applied already, so the confirmation names that risk, and the new attempt is a new entry
// that points back at the old one: the journal keeps both. No vscode here.
import type { JournalEntry, JournalItem } from './entry';
import type { NewEntry } from './journal-store';

/** Why the item cannot be sent again; undefined when it can. */
export function whyNotSendAgain(item: JournalItem): string | undefined {
  if (item.state !== 'not-applied' && item.state !== 'unknown') return `Only a change that was not applied, or may have been, is sent again; this one is ${item.state}.`;
  if (item.redacted) return 'The journal does not keep the secret values of this change, so it cannot send it again.';
  return undefined;
}

/** What the confirmation says before sending again. */
export function sendAgainRisk(item: JournalItem): string {
  if (item.state === 'not-applied') return `ISC did not apply it${item.outcome?.reason ? ` (${item.outcome.reason})` : ''}. Sending it again asks ISC once more.`;
  const doubled = item.spec.kind === 'create' ? ' A second create may make a second account or overwrite the first one.' : '';
  return `It may have been applied already: sending it again may apply it twice.${doubled} Check Again first to read the account back.`;
}

export function sendAgainEntry(entry: JournalEntry, items: readonly JournalItem[]): NewEntry {
  return {
    tenantId: entry.tenantId,
    action: entry.action,
    title: `Send again: ${entry.title}`,
    bulk: items.length > 1,
    origin: { entryId: entry.id, why: 'send-again' },
    items: items.map((item) => ({ spec: item.spec, target: item.target })),
  };
}
