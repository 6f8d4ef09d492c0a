// `npm run bench`: runs each scenario for this project's client and the official SDK against
// the sandbox tenant on loopback, then writes bench/results.md (the table) and results.json.
// Options: --runs N (default 3), --only list-all,bulk,vscode,bulk-edit,export.
import * as os from 'node:os';
import * as path from 'node:path';
import { benchDir } from './lib/child';
import { writeReport, type BenchReport, type ScenarioReport } from './lib/report';
import { formatMs } from './lib/summary';
import type { BenchContext } from './scenarios/context';
import { bulkEditScenario } from './scenarios/bulk-edit';
import { bulkLifecycleScenario } from './scenarios/bulk-lifecycle';
import { exportScenario } from './scenarios/export';
import { findScenario } from './scenarios/find';
import { listAllScenario } from './scenarios/list-all';
import { vscodeScenarios } from './scenarios/vscode';

type Scenario = { id: string; title: string; run: (context: BenchContext) => Promise<ScenarioReport | ScenarioReport[]> };

const scenarios: Scenario[] = [
  { id: 'list-all', title: '1. List all', run: listAllScenario },
  { id: 'bulk', title: '2. Bulk lifecycle', run: bulkLifecycleScenario },
  { id: 'vscode', title: '3 and 4. Big tree, activation and size (real VS Code)', run: vscodeScenarios },
  { id: 'bulk-edit', title: '5. Bulk attribute edit', run: bulkEditScenario },
  { id: 'export', title: '6. Export Accounts (real VS Code)', run: exportScenario },
  { id: 'find', title: '8. Find Account across 100,000 accounts (real VS Code)', run: findScenario },
];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const runs = Number(option('runs') ?? 3);
  const only = option('only')?.split(',');
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  const context: BenchContext = { runs, progress: (message) => console.log(`[bench ${elapsed()}] ${message}`) };
  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios.filter((s) => !only || only.includes(s.id))) {
    try {
      reports.push(...[await scenario.run(context)].flat());
    } catch (error) {
      // One broken scenario must not hide the others: the table says it did not run, and why.
      const message = error instanceof Error ? error.message : String(error);
      context.progress(`${scenario.title} did not run: ${message}`);
      reports.push({ id: scenario.id, title: scenario.title, conditions: [], rows: [], targets: [], error: message.split('\n')[0] });
    }
  }
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}`,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    runsPerFigure: runs,
    scenarios: reports,
  };
  writeReport(report, path.join(benchDir, 'results.md'), path.join(benchDir, 'results.json'));
  context.progress(`done in ${formatMs(report.durationMs)}: bench/results.md, bench/results.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
