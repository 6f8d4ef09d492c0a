// The fault matrix: every kind of change × every kind of fault, through the real command
// handlers in the real VS Code, against a sandbox tenant with targeted faults (the sandbox's
// rules: the change request of each cell gets the column's fate). Each cell compares the
// sandbox's change ledger with what the command reported: applied exactly once, or reported
// unknown (naming the account) and applied at most once, or not applied and never applied;
// and never taken on twice. A compact table of the cells goes to the test log.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { closedPortUrl, type LedgerView, type RequestFate } from '../../src/sandbox';
import { accountPicker, sandboxTenant, withSetting, type SandboxTenantFixture } from './explorer-helpers';
import { operations, type Operation, type Ran } from './fault-matrix-ops';

const WINDOW_S = 0.3;
const TASK_MS = 20;
const SLOW_TASK_MS = 3 * WINDOW_S * 1000;
type Letter = 'A' | 'U' | 'N' | 'S' | 'E';
const LETTER: Record<string, Letter> = { applied: 'A', unknown: 'U', 'not-applied': 'N', 'not-sent': 'S' };

interface Column {
  name: string;
  fate?: RequestFate;
  times?: number;
  /** What every cell of the column must end as (the invariant holds anyway). */
  expect: Letter[];
  tenant?: 'refused' | 'tls';
  /** The sandbox refuses connections for this long once an operation's targets are picked. */
  refuseForMs?: number;
  taskMs?: number;
  settings?: Record<string, unknown>;
  dice?: number;
  only?: string[];
  sandbox?: { retryAfterSeconds?: number };
}

const CHANGED: Letter[] = ['A', 'U'];
const NOT_CHANGED: Letter[] = ['N', 'S', 'E', 'U'];
const COLUMNS: Column[] = [
  // A refused connection is retried with back-off (it provably sent nothing): two cells suffice.
  { name: 'refused', tenant: 'refused', expect: ['N', 'S', 'E'], only: ['disable', 'IDN enable bulk'] },
  // Refused for a moment, then back: whatever the first request is (a read, or the change
  // itself) meets ECONNREFUSED, provably sent nothing, and is retried.
  { name: 'refused 0.5 s', refuseForMs: 500, expect: ['A', 'N', 'E'] },
  { name: '503 before', fate: 'server-error', expect: ['U', 'N'] },
  { name: 'lost after', fate: 'drop-after-apply', expect: CHANGED },
  { name: 'slow task', fate: 'drop-after-apply', expect: CHANGED, taskMs: SLOW_TASK_MS },
  { name: 'empty 2xx', fate: 'empty-body', expect: CHANGED },
  { name: 'HTML 2xx', fate: 'html-body', expect: CHANGED },
  { name: 'cut 2xx', fate: 'truncated-body', expect: CHANGED },
  { name: '401', fate: 'unauthorized', expect: ['A'] },
  { name: '429 ×3', fate: 'rate-limited', times: 3, expect: ['A'], sandbox: { retryAfterSeconds: 0.05 } },
  { name: 'TLS', tenant: 'tls', expect: ['N', 'S', 'E'] },
  { name: 'timeout', fate: 'hang-after-apply', expect: CHANGED, settings: { requestTimeoutSeconds: 0.5 } },
  ...[1, 2, 3].map((seed) => ({ name: `dice ${seed}`, dice: seed, expect: [...CHANGED, ...NOT_CHANGED], only: ['create', 'delete', 'PATCH correlation', 'enable', 'disable', 'IDN enable bulk'] })),
];

interface Cell {
  op: string;
  column: string;
  letters: Letter[];
  problems: string[];
}

/** The column's tenant: the sandbox itself, a refused port, or the sandbox over https with a self-signed certificate. */
function columnTenant(column: Column, id: string): Promise<SandboxTenantFixture> {
  const options = { largeSourceAccounts: 400, taskDurationMs: column.taskMs ?? TASK_MS, ...column.sandbox };
  if (column.tenant === 'refused') return sandboxTenant(id, options, async () => ({ url: await closedPortUrl(), close: async () => undefined }));
  if (column.tenant !== 'tls') return sandboxTenant(id, options);
  const tls = path.resolve(__dirname, '../../../test/fixtures/tls');
  return sandboxTenant(id, { ...options, tls: { key: readFileSync(path.join(tls, 'server.key')), cert: readFileSync(path.join(tls, 'self-signed.pem')) } });
}

/** Compares one operation's reports with the ledger of this column. */
function judge(op: Operation, column: Column, ran: Ran | undefined, error: unknown, ledger: LedgerView, since: number): Cell {
  const problems: string[] = [];
  const intents = ran?.intents ?? [];
  const results = ran?.results;
  const letters: Letter[] = [];
  intents.forEach((intent, index) => {
    const times = ledger.applied({ ...intent, since }).length;
    const takenOn = ledger.entries({ ...intent, since }).filter((entry) => entry.state !== 'rejected').length;
    const result = results?.[index];
    const letter: Letter = result ? (LETTER[result.outcome] ?? 'E') : 'E';
    letters.push(letter);
    const what = `${intent.kind} ${intent.accountId ?? intent.identityId ?? intent.sourceId ?? intent.nativeIdentity}`;
    if (takenOn > 1) problems.push(`${what}: sent again after it may have reached ISC (${takenOn} taken on)`);
    if (letter === 'A' && times !== 1) problems.push(`${what}: reported applied, applied ${times}×`);
    if (letter === 'U' && times > 1) problems.push(`${what}: unknown, applied ${times}×`);
    if (letter === 'U' && !result?.label) problems.push(`${what}: unknown without naming the account`);
    if (['N', 'S', 'E'].includes(letter) && times !== 0) problems.push(`${what}: reported ${result?.outcome ?? 'an error'}, yet applied ${times}×`);
    if (!column.expect.includes(letter)) problems.push(`${what}: ${letter}, expected ${column.expect.join('/')}${result?.reason ? ` (${result.reason})` : ''}`);
  });
  if (intents.length === 0) problems.push(`the operation did not run: ${error instanceof Error ? error.message : String(error)}`);
  return { op: op.name, column: column.name, letters, problems };
}

function table(cells: Cell[], ops: string[], columns: string[]): string {
  const width = Math.max(...ops.map((op) => op.length));
  const cellOf = (op: string, column: string) => {
    const cell = cells.find((c) => c.op === op && c.column === column);
    if (!cell) return '·';
    const text = [...new Set(cell.letters)].join('') || 'E';
    return cell.problems.length ? `${text}!` : text;
  };
  const lines = [[''.padEnd(width), ...columns.map((c) => c.padEnd(10))].join(' │ ')];
  for (const op of ops) lines.push([op.padEnd(width), ...columns.map((c) => cellOf(op, c).padEnd(10))].join(' │ '));
  const count = (letter: string) => cells.reduce((n, c) => n + c.letters.filter((l) => l === letter).length, 0);
  lines.push('', `A applied ${count('A')} · U may have been applied ${count('U')} · N not applied ${count('N')} · S not sent ${count('S')} · E error before the change ${count('E')} · ! violation ${cells.filter((c) => c.problems.length).length}`);
  return lines.join('\n');
}

describe('fault matrix: every change × every fault, through the commands, checked against the ledger', function () {
  this.timeout(240_000);
  const cells: Cell[] = [];
  const restore: Array<() => Promise<void>> = [];

  before(async () => {
    restore.push(await withSetting('readBackWindowSeconds', WINDOW_S));
  });
  after(async () => {
    for (const undo of restore.reverse()) await undo();
    const ops = operations(new Set()).map((op) => op.name);
    console.log(`\nfault matrix (cells by result):\n${table(cells, ops, COLUMNS.map((c) => c.name))}\n`);
  });

  for (const column of COLUMNS) {
    it(`column "${column.name}": applied once, or unknown with its account, never a false outcome`, async () => {
      const undo = await Promise.all(Object.entries(column.settings ?? {}).map(([key, value]) => withSetting(key, value)));
      const fx = await columnTenant(column, `matrix-${column.name.replace(/\W+/g, '-')}`);
      const { pick } = accountPicker(() => fx.sandbox);
      const since = fx.sandbox.ledger.mark();
      const ran: Array<{ op: Operation; ran?: Ran; error?: unknown; ms: number; seen: string[] }> = [];
      // The port's reopening after an operation's refusal. The next operation starts only once it
      // has happened, so a late reopening can never open the port in the middle of another
      // operation's refusal (nor after the sandbox is closed).
      let reopened: Promise<void> = Promise.resolve();
      try {
        if (column.dice) fx.sandbox.setFaults({ seed: column.dice, dropAfterApplyRate: 0.3, serverErrorRate: 0.1 });
        for (const op of operations(new Set()).filter((o) => !column.only || column.only.includes(o.name))) {
          const arm = (ids: string[]) => {
            if (column.fate) fx.sandbox.faults.next({ method: op.method, path: op.path(ids), fate: column.fate, count: column.times ?? 1 });
            if (column.refuseForMs) {
              const refuseForMs = column.refuseForMs;
              // Stops listening at once (the promise settles when open connections are cut).
              reopened = fx.sandbox
                .refuseConnections()
                .then(() => new Promise((resolve) => setTimeout(resolve, refuseForMs)))
                .then(() => fx.sandbox.acceptConnections());
            }
          };
          await reopened;
          const opStarted = Date.now();
          const seen = () => fx.sandbox.requestLog().filter((r) => r.at >= opStarted).map((r) => `${r.method} ${r.path} ${r.status}`);
          try {
            ran.push({ op, ran: await op.run(fx, pick, arm), ms: Date.now() - opStarted, seen: seen() });
          } catch (error) {
            ran.push({ op, error, ms: Date.now() - opStarted, seen: seen() });
          } finally {
            fx.sandbox.faults.clearRules();
            fx.api.ui.stopAnswering();
          }
        }
        fx.sandbox.setFaults({ dropAfterApplyRate: 0, serverErrorRate: 0 });
        // Tasks whose answers were lost finish after the reading gave up: the ledger waits for them.
        await new Promise((resolve) => setTimeout(resolve, (column.taskMs ?? TASK_MS) + 300));
        for (const entry of ran) {
          const cell = judge(entry.op, column, entry.ran, entry.error, fx.sandbox.ledger, since);
          // Proof the refusal was met: nothing can get through a closed port sooner.
          if (column.refuseForMs && entry.ms < column.refuseForMs) {
            const how = entry.ran?.results?.map((r) => `${r.outcome}${r.reason ? ` (${r.reason})` : ''}`).join(', ') || `no report: ${entry.error instanceof Error ? entry.error.message : String(entry.error)}`;
            cell.problems.push(`ended in ${entry.ms} ms, before the port reopened, as ${how}; the sandbox saw ${entry.seen.join(', ') || 'nothing'}`);
          }
          cells.push(cell);
        }
      } finally {
        await reopened;
        await fx.close();
        for (const u of undo) await u();
      }
      const problems = cells.filter((c) => c.column === column.name).flatMap((c) => c.problems.map((p) => `${c.op}: ${p}`));
      assert.deepEqual(problems, []);
    });
  }
});
