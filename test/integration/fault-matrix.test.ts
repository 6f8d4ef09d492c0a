// The fault matrix: every kind of change × every kind of fault, through the real command
// handlers in the real VS Code, against a sandbox tenant behind a fault proxy. Each cell
// compares the sandbox's ledger with what the command reported: applied exactly once, or
// reported unknown (naming the account) and applied at most once, or not applied and never
// applied. A compact table of the cells goes to the test log.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { startSandbox, type SandboxAccount } from '../../src/sandbox';
import { extensionApi, proxiedSandboxTenant, withSetting, type SandboxTenantFixture } from './explorer-helpers';
import { startFaultProxy, type Fate, type FaultProxy } from './fault-matrix-proxy';
import { operations, type Operation, type Ran } from './fault-matrix-ops';

const WINDOW_S = 0.4;
const TASK_MS = 20;
const SLOW_TASK_MS = 3 * WINDOW_S * 1000;
type Letter = 'A' | 'U' | 'N' | 'S' | 'E';
const LETTER: Record<string, Letter> = { applied: 'A', unknown: 'U', 'not-applied': 'N', 'not-sent': 'S' };

interface Column {
  name: string;
  fate?: Fate;
  times?: number;
  /** What every cell of the column must end as (the invariant holds anyway). */
  expect: Letter[];
  tenant?: 'refused' | 'tls';
  taskMs?: number;
  settings?: Record<string, unknown>;
  dice?: number;
  only?: string[];
}

const CHANGED: Letter[] = ['A', 'U'];
const NOT_CHANGED: Letter[] = ['N', 'S', 'E', 'U'];
const COLUMNS: Column[] = [
  { name: 'refused', tenant: 'refused', expect: ['N', 'S', 'E'], only: ['disable', 'create', 'IDN enable bulk'] },
  { name: '503 before', fate: '503-before', expect: ['U', 'N'] },
  { name: 'lost after', fate: 'drop-after', expect: CHANGED },
  { name: 'slow task', fate: 'drop-after', expect: CHANGED, taskMs: SLOW_TASK_MS },
  { name: 'empty 2xx', fate: 'empty-after', expect: CHANGED },
  { name: 'HTML 2xx', fate: 'html-after', expect: CHANGED },
  { name: 'cut 2xx', fate: 'cut-after', expect: CHANGED },
  { name: '401', fate: '401-before', expect: ['A'] },
  { name: '429 ×3', fate: '429-before', times: 3, expect: ['A'] },
  { name: 'TLS', tenant: 'tls', expect: ['N', 'S', 'E'] },
  { name: 'timeout', fate: 'hang-after', expect: CHANGED, settings: { requestTimeoutSeconds: 1 } },
  ...[1, 2, 3].map((seed) => ({ name: `dice ${seed}`, dice: seed, expect: [...CHANGED, ...NOT_CHANGED], only: ['create', 'delete', 'PATCH correlation', 'enable', 'disable', 'IDN enable bulk'] })),
];

interface Cell {
  op: string;
  column: string;
  letters: Letter[];
  problems: string[];
}

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The column's tenant: through the fault proxy, or at a refused port, or over https with a self-signed certificate. */
async function columnTenant(column: Column, id: string): Promise<SandboxTenantFixture & { proxy?: FaultProxy }> {
  const options = { largeSourceAccounts: 400, taskDurationMs: column.taskMs ?? TASK_MS };
  if (!column.tenant) return proxiedSandboxTenant(id, options);
  const api = await extensionApi();
  const sandbox = await startSandbox(options);
  const tls = path.resolve(__dirname, '../../../test/fixtures/tls');
  const proxy = column.tenant === 'tls' ? await startFaultProxy(sandbox.baseUrl, { key: readFileSync(path.join(tls, 'server.key'), 'utf8'), cert: readFileSync(path.join(tls, 'self-signed.pem'), 'utf8') }) : undefined;
  const baseUrl = proxy?.url ?? `http://127.0.0.1:${await deadPort()}`;
  await api.tenants.save({ id, label: `Test ${id}`, baseUrl, clientId: sandbox.clientId }, sandbox.clientSecret);
  return {
    api,
    sandbox,
    tenantId: id,
    label: `Test ${id}`,
    async close() {
      api.ui.stopAnswering();
      await api.tenants.remove(id);
      api.clients.invalidate(id);
      await proxy?.close();
      await sandbox.close();
    },
  };
}

/** Compares one operation's reports with the ledger of this column. */
function judge(op: Operation, column: Column, ran: Ran | undefined, error: unknown, ledger: ReadonlyArray<{ action: string; targetId: string }>): Cell {
  const problems: string[] = [];
  const intents = ran?.intents ?? [];
  const results = ran?.results;
  const letters: Letter[] = [];
  intents.forEach((intent, index) => {
    const target = intent.targetId();
    const times = target ? ledger.filter((entry) => entry.action === intent.action && entry.targetId === target).length : 0;
    const result = results?.[index];
    const letter: Letter = result ? (LETTER[result.outcome] ?? 'E') : 'E';
    letters.push(letter);
    const what = `${intent.action} ${target ?? '(not created)'}`;
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
      const used = new Set<string>();
      const pick = (sourceId: string, condition: (a: SandboxAccount) => boolean) => {
        const found = fx.sandbox.tenant.accountsOfSource(sourceId).find((a) => !used.has(a.id) && condition(a));
        if (!found) throw new Error('no such account left in the sandbox');
        used.add(found.id);
        return found;
      };
      const ledgerStart = fx.sandbox.tenant.ledger().length;
      const ran: Array<{ op: Operation; ran?: Ran; error?: unknown }> = [];
      try {
        if (column.dice) fx.sandbox.setFaults({ seed: column.dice, dropAfterApplyRate: 0.3, serverErrorRate: 0.1 });
        for (const op of operations(new Set()).filter((o) => !column.only || column.only.includes(o.name))) {
          const arm = (ids: string[]) => column.fate && fx.proxy?.add({ method: op.method, path: op.path(ids), fate: column.fate, times: column.times ?? 1 });
          try {
            ran.push({ op, ran: await op.run(fx, pick, arm) });
          } catch (error) {
            ran.push({ op, error });
          } finally {
            fx.proxy?.clear();
            fx.api.ui.stopAnswering();
          }
        }
        fx.sandbox.setFaults({ dropAfterApplyRate: 0, serverErrorRate: 0 });
        // Tasks whose answers were lost finish after the reading gave up: the ledger waits for them.
        await new Promise((resolve) => setTimeout(resolve, (column.taskMs ?? TASK_MS) + 300));
        const ledger = fx.sandbox.tenant.ledger().slice(ledgerStart);
        for (const entry of ran) cells.push(judge(entry.op, column, entry.ran, entry.error, ledger));
      } finally {
        await fx.close();
        for (const u of undo) await u();
      }
      const problems = cells.filter((c) => c.column === column.name).flatMap((c) => c.problems.map((p) => `${c.op}: ${p}`));
      assert.deepEqual(problems, []);
    });
  }
});
