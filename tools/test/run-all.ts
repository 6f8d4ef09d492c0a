// `npm test`: build, typecheck, then every test suite (plain Node unit tests, the suite inside a
// real VS Code, the browser e2e tests), each through its package.json script. Streams their
// output, and ends with a table and the `total: N passed, N failed` line (results.ts).
//
//   npm test                          everything
//   npm test -- --only vscode         build + that suite (also unit, e2e; or a,b)
import { spawn } from 'node:child_process';
import { repoRoot } from '../paths';
import { judge, printFailedLoudly, printSkippedLoudly, printTable, totalLine, type Outcome, type PlanEntry, type RunResult } from './results';

const minutes = 60_000;

const plan: PlanEntry[] = [
  { name: 'build', kind: 'step', script: 'build', timeoutMs: 5 * minutes },
  { name: 'typecheck', kind: 'step', script: 'typecheck', timeoutMs: 5 * minutes },
  { name: 'unit', kind: 'suite', script: 'test:unit', timeoutMs: 15 * minutes },
  { name: 'vscode', kind: 'suite', script: 'test:vscode', timeoutMs: 15 * minutes },
  { name: 'e2e', kind: 'suite', script: 'test:e2e', timeoutMs: 25 * minutes },
];
const suiteNames = plan.filter((entry) => entry.kind === 'suite').map((entry) => entry.name);

function selectedPlan(argv: string[]): PlanEntry[] {
  const at = argv.indexOf('--only');
  if (at === -1) return plan;
  const only = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = only.filter((name) => !suiteNames.includes(name));
  if (only.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes ${suiteNames.join('|')} (comma-separated), got '${argv[at + 1] ?? ''}'`);
  }
  // The build stays: the in-VS-Code and e2e suites load dist/.
  return plan.filter((entry) => entry.name === 'build' || only.includes(entry.name));
}

function run(entry: PlanEntry): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    let stdout = '';
    const child = spawn('npm', ['run', '--silent', entry.script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\nnpm test: ${entry.name} TIMED OUT after ${entry.timeoutMs / minutes} min, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, entry.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, timedOut, stdout, seconds: (Date.now() - started) / 1000 });
    });
  });
}

async function main(): Promise<number> {
  const entries = selectedPlan(process.argv.slice(2));
  const outcomes: Outcome[] = [];
  const notRun: string[] = [];
  for (const entry of entries) {
    if (outcomes.some((o) => o.name === 'build' && !o.ok)) {
      notRun.push(entry.name);
      continue;
    }
    console.log(`\n>>> ${entry.name} (npm run ${entry.script})`);
    const outcome = judge(entry, await run(entry));
    console.log(`<<< ${entry.name}: ${outcome.ok ? 'ok' : `FAILED (${outcome.note})`} in ${outcome.seconds.toFixed(1)} s`);
    outcomes.push(outcome);
  }
  printTable(outcomes, notRun);
  printSkippedLoudly(outcomes);
  printFailedLoudly(outcomes);
  console.log(totalLine(outcomes, notRun));
  return outcomes.every((o) => o.ok) && notRun.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  },
);
