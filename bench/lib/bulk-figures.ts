// What the rate-limited bulk scenarios (lifecycle, attribute edit) measure per run, and how
// their table rows and targets are made from it: wall time against the rate-limit bound, and
// lost or duplicated changes from the sandbox's ledger.
import { extraApplications, type LedgerCheck } from '../../tools/testing/ledger-check';
import type { WorkerResult } from '../worker/protocol';
import type { Traffic } from './meter';
import type { BenchRow, TargetCheck } from './report';
import { formatMs, summarize } from './summary';
import type { Variant } from './variant';

export interface BulkRunFigures {
  wallMs: number;
  requests: number;
  tokens: number;
  limited: number;
  failures: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  /** Accounts not in the state the run meant at its end. */
  wrongAtEnd: number;
}

/** One run's figures: the worker's result, the sandbox's traffic and its ledger's verdict. */
export function bulkFigures(result: WorkerResult, traffic: Traffic, ledger: LedgerCheck, wrongAtEnd: number): BulkRunFigures {
  return {
    wallMs: result.wallMs,
    requests: traffic.requests,
    tokens: traffic.tokenRequests,
    limited: traffic.rateLimited,
    failures: result.failures,
    lost: ledger.lost.length,
    duplicated: extraApplications(ledger),
    unexpected: ledger.unexpected.length,
    wrongAtEnd,
  };
}

/** `wrongAtEnd` names what the last count is ("accounts not enabled at the end"); `extra` is appended. */
export function bulkRow(variant: Variant, runs: readonly BulkRunFigures[], boundMs: number, wrongAtEnd: string, extra = ''): BenchRow {
  const total = (pick: (figures: BulkRunFigures) => number): number => runs.reduce((sum, figures) => sum + pick(figures), 0);
  return {
    client: variant.client,
    settings: variant.settings,
    wallMs: summarize(runs.map((r) => r.wallMs)),
    requests: summarize(runs.map((r) => r.requests)),
    tokenRequests: summarize(runs.map((r) => r.tokens)),
    rateLimited: summarize(runs.map((r) => r.limited)),
    failures: summarize(runs.map((r) => r.failures)),
    boundMs,
    other:
      `over ${runs.length} runs: lost ${total((r) => r.lost)}, duplicated ${total((r) => r.duplicated)}, ` +
      `unexpected ${total((r) => r.unexpected)}, ${wrongAtEnd} ${total((r) => r.wrongAtEnd)}${extra}`,
  };
}

/** "Bulk lifecycle: within 1.15× of the bound" and "…: zero lost or duplicated actions (ledger)", for our row. */
export function bulkTargets(name: string, changes: string, ours: BenchRow, runs: readonly BulkRunFigures[]): TargetCheck[] {
  const ratio = ours.wallMs!.median / ours.boundMs!;
  const lost = runs.reduce((sum, r) => sum + r.lost + r.wrongAtEnd, 0);
  const duplicated = runs.reduce((sum, r) => sum + r.duplicated + r.unexpected, 0);
  return [
    {
      target: `${name}: within 1.15× of the bound`,
      measured: `${ratio.toFixed(2)}× (${formatMs(ours.wallMs!.median)} vs ${formatMs(ours.boundMs!)})`,
      met: ratio <= 1.15,
    },
    {
      target: `${name}: zero lost or duplicated ${changes} (ledger)`,
      measured: `lost ${lost}, duplicated ${duplicated} over ${runs.length} runs`,
      met: lost === 0 && duplicated === 0,
    },
  ];
}
