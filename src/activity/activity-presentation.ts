// How an Activity entry and its items look, decided without VS Code: labels, descriptions,
// the state's words and icon, and the facts of the tooltip. Tested in plain Node.
import { bodySent, type ChangeSpec } from '../journal/change-spec';
import { countStates, type EntryOrigin, type EntryState, type JournalEntry, type JournalItem, type StateCounts } from '../journal/entry';

export const STATE_WORDS: Record<EntryState, string> = {
  queued: 'queued',
  'in-progress': 'in progress',
  applied: 'applied',
  'not-applied': 'not applied',
  unknown: 'may have been applied',
  'not-sent': 'not sent',
  mixed: 'mixed outcomes',
};

export interface StateIcon {
  /** A codicon id for ThemeIcon. */
  id: string;
  /** A theme color id for ThemeColor. */
  color?: string;
}

const ICONS: Record<Exclude<EntryState, 'mixed'>, StateIcon> = {
  queued: { id: 'clock', color: 'descriptionForeground' },
  'in-progress': { id: 'loading~spin' },
  applied: { id: 'pass', color: 'testing.iconPassed' },
  'not-applied': { id: 'error', color: 'testing.iconFailed' },
  unknown: { id: 'warning', color: 'list.warningForeground' },
  'not-sent': { id: 'circle-slash', color: 'disabledForeground' },
};

/** The icon of a state; a mixed bulk run shows its most pressing part: unknown, then not applied. */
export function stateIcon(state: EntryState, counts?: StateCounts, checking = false): StateIcon {
  if (checking) return { id: 'sync~spin' };
  if (state !== 'mixed') return ICONS[state];
  if (counts?.unknown) return ICONS.unknown;
  if (counts?.['not-applied']) return ICONS['not-applied'];
  return { id: 'pass', color: 'charts.yellow' };
}

/** "3 applied, 1 not applied, 1 may have been applied"; a running run says how far it got. */
export function countsText(entry: Pick<JournalEntry, 'items'>): string {
  const counts = countStates(entry);
  const order: Array<Exclude<EntryState, 'mixed'>> = ['applied', 'not-applied', 'unknown', 'not-sent', 'in-progress', 'queued'];
  const parts = order.filter((state) => counts[state] > 0).map((state) => `${counts[state]} ${STATE_WORDS[state]}`);
  const running = counts.queued + counts['in-progress'];
  if (running > 0) return `running: ${entry.items.length - running} of ${entry.items.length} done (${parts.join(', ')})`;
  return parts.join(', ') || 'no items';
}

const ORIGIN_WORDS: Record<EntryOrigin['why'], string> = { 'send-again': 'Send again', resume: 'Resume', undo: 'Undo' };

function touchesCorrelation(spec: Extract<ChangeSpec, { kind: 'patch' }>): boolean {
  return spec.operations.some((operation) => operation.path === '/identityId' || operation.path === '/manuallyCorrelated');
}

/** What the change does, as a verb phrase: "Disable", "Change attributes of", "Remove from ISC". */
export function actionWords(spec: ChangeSpec): string {
  switch (spec.kind) {
    case 'lifecycle':
      return { enable: 'Enable', disable: 'Disable', unlock: 'Unlock', reload: 'Reload' }[spec.action];
    case 'idn':
      return spec.toggle === 'enable' ? 'Enable the IDN account of' : 'Disable the IDN account of';
    case 'delete':
      return 'Delete';
    case 'remove':
      return 'Remove from ISC';
    case 'remove-all':
      return 'Remove all accounts of';
    case 'create':
      return 'Create';
    case 'put':
      return 'Replace the attributes of';
    case 'patch':
      return touchesCorrelation(spec) ? 'Change the correlation of' : 'Change the attributes of';
  }
}

/** Whom the change is about, as the user knows it: a name before an id. */
export function targetLabel(item: JournalItem): string {
  const { target, spec } = item;
  const fromSpec = spec.kind === 'create' ? spec.attributes.nativeIdentity : spec.kind === 'idn' ? spec.identityId : spec.kind === 'remove-all' ? spec.sourceId : spec.accountId;
  return target.label ?? target.accountName ?? target.identityName ?? target.sourceName ?? target.accountId ?? fromSpec;
}

/** A bulk run is called by its title; a single change by what it did to whom. */
export function entryLabel(entry: JournalEntry): string {
  const [only] = entry.items;
  const base = entry.bulk || !only ? entry.title : `${actionWords(only.spec)} ${targetLabel(only)}`;
  return entry.origin && !entry.bulk ? `${ORIGIN_WORDS[entry.origin.why]}: ${base}` : base;
}

/** "14:03:07" today, "2024-05-01 14:03" another day (local time). */
export function whenText(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? `${time}:${pad(at.getSeconds())}` : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

function shortened(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * ISC's status and own words in the reason of a refusal. The client says `ISC refused POST
 * /v3/accounts/…/disable: "<ISC's words>" (404, tracking id …). <hint>`: on a row, the request
 * line only repeats what the row says, and would push ISC's words out of sight.
 */
export function refusal(reason: string): { status: string; said?: string } | undefined {
  const found = /^ISC refused \S+ \S+(?:: "(.*)")? \((\d{3})\b/s.exec(reason);
  return found ? { status: found[2], said: found[1] } : undefined;
}

/** The words of an item's state, with ISC's reason when it said no. */
export function itemStateText(item: JournalItem, checking = false): string {
  const words = STATE_WORDS[item.state];
  if (checking) return `${words} · checking…`;
  const reason = item.state === 'not-applied' ? item.outcome?.reason : undefined;
  if (!reason) return words;
  const refused = refusal(reason);
  if (!refused) return `${words}: ${shortened(reason)}`;
  // The status first: a long message is cut at the end.
  return `${words} (HTTP ${refused.status})${refused.said ? `: ${shortened(refused.said)}` : ''}`;
}

export function entryDescription(entry: JournalEntry, options: { tenantLabel?: string; checking?: boolean; now?: Date } = {}): string {
  const [only] = entry.items;
  const state = entry.bulk || !only ? countsText(entry) : itemStateText(only, options.checking);
  return [state, whenText(entry.created, options.now), options.tenantLabel].filter(Boolean).join(' · ');
}

/** The facts of one item, as label/value rows; the node renders values as plain text. */
export function itemTooltipRows(item: JournalItem): Array<[string, string]> {
  const { target, outcome } = item;
  const account = [target.accountName, target.accountId].filter(Boolean).join(', id ');
  const source = [target.sourceName, target.sourceId].filter(Boolean).join(', id ');
  const identity = [target.identityName, target.identityId].filter(Boolean).join(', id ');
  const taskStatus = outcome?.evidence.kind === 'task' ? (outcome.evidence.completionStatus ?? 'not finished') : undefined;
  const evidence = outcome ? evidenceText(outcome.evidence) : undefined;
  const rows: Array<[string, string | undefined]> = [
    ['Action', `${actionWords(item.spec)} ${targetLabel(item)}`],
    ['Outcome', STATE_WORDS[item.state]],
    ['Reason', outcome?.reason],
    ['Tracking id', outcome?.trackingId],
    ['Task id', item.taskId ?? outcome?.taskId],
    ['Task status', taskStatus],
    ['Evidence', evidence],
    ['Warnings', outcome?.warnings?.join('; ')],
    ['Account', account],
    ['Source', source],
    ['Identity', identity],
    ['Sent', item.sentAt],
    ['Updated', item.updated],
    ['Interrupted', item.interrupted ? 'yes: the run was cut off (reload or extension host ended)' : undefined],
    ['Redacted', item.redacted ? 'a secret was masked: this change cannot be sent again from the Activity' : undefined],
  ];
  return rows.filter((row): row is [string, string] => typeof row[1] === 'string' && row[1] !== '');
}

export function entryTooltipRows(entry: JournalEntry, tenantLabel: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Entry', entry.title],
    ['Tenant', tenantLabel],
    ['Started', entry.created],
  ];
  if (entry.origin) rows.push(['Made by', `${ORIGIN_WORDS[entry.origin.why]} of entry ${entry.origin.entryId}`]);
  if (entry.bulk) rows.push(['Items', countsText(entry)]);
  return rows;
}

/** The body that was sent, for PATCH and PUT, as indented JSON; undefined for the others. */
export function bodyText(item: JournalItem): string | undefined {
  const body = bodySent(item.spec);
  return body === undefined ? undefined : JSON.stringify(body, null, 2);
}

function evidenceText(evidence: NonNullable<JournalItem['outcome']>['evidence']): string {
  switch (evidence.kind) {
    case 'answer':
      return `ISC's answer${evidence.status ? ` (HTTP ${evidence.status})` : ''}`;
    case 'task':
      return `ISC task ${evidence.taskId}`;
    case 'read-back':
      return `read back: ${evidence.detail}`;
    case 'not-found':
      return 'read back: the account is gone';
    case 'none':
      return evidence.detail;
  }
}
