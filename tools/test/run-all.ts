// `npm test`: build, typecheck, then every test suite (plain Node unit tests, the suite inside a
// real VS Code, the browser e2e tests), each through its package.json script. Streams their
// output, reads mocha's "N passing / N failing / N pending" from each, and ends with a table
// and one plain line `total: N passed, N failed[, N skipped]` that CI reads.
// A suite fails when its process fails, when mocha reports a failure, or when it ran no test.
// A failed step or suite with no failing test of its own counts as one failure, so the total
// line never reads "0 failed" on a red run.
//
//   node scripts/test.mjs                     everything
//   node scripts/test.mjs --only vscode       build + that suite (also unit, e2e; or a,b)
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const minutes = 60_000;

/** kind `step` passes or fails; kind `suite` is mocha and has counts. */
const plan = [
  { name: 'build', kind: 'step', script: 'build', timeoutMs: 5 * minutes },
  { name: 'typecheck', kind: 'step', script: 'typecheck', timeoutMs: 5 * minutes },
  { name: 'unit', kind: 'suite', script: 'test:unit', timeoutMs: 15 * minutes },
  { name: 'vscode', kind: 'suite', script: 'test:vscode', timeoutMs: 15 * minutes },
  { name: 'e2e', kind: 'suite', script: 'test:e2e', timeoutMs: 25 * minutes },
];
const suiteNames = plan.filter((entry) => entry.kind === 'suite').map((entry) => entry.name);

function selectedPlan(argv) {
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

function run(entry) {
  return new Promise((resolve) => {
    const started = Date.now();
    let stdout = '';
    const child = spawn('npm', ['run', '--silent', entry.script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\ntest.mjs: ${entry.name} TIMED OUT after ${entry.timeoutMs / minutes} min, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, entry.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, signal, timedOut, stdout, seconds: (Date.now() - started) / 1000 });
    });
  });
}

// Mocha's epilogue: "  12 passing (3s)", then "  2 pending", then "  1 failing". The last
// epilogue in the output is the suite's (tests may print text of their own before it).
export function parseMochaSummary(output) {
  const lines = output.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\s*\d+ passing\b/.test(lines[i])) {
      start = i;
      break;
    }
  }
  if (start === -1) return undefined;
  const count = (word) => {
    const line = lines.slice(start, start + 3).find((text) => new RegExp(`^\\s*\\d+ ${word}\\b`).test(text));
    return line ? Number(line.trim().split(' ')[0]) : 0;
  };
  // The spec reporter marks a pending test as "  - title" (in the results, before the epilogue).
  const pendingTitles = lines.slice(0, start).filter((text) => /^\s+- \S/.test(text)).map((text) => text.trim().slice(2));
  return { passed: count('passing'), failed: count('failing'), skipped: count('pending'), pendingTitles };
}

function judge(entry, result) {
  const outcome = { name: entry.name, kind: entry.kind, seconds: result.seconds, passed: 0, failed: 0, skipped: 0 };
  const processFailed = result.exitCode !== 0 || result.timedOut;
  const why = result.timedOut ? 'timed out' : `exit code ${result.exitCode}`;
  if (entry.kind === 'step') {
    return { ...outcome, ok: !processFailed, failed: processFailed ? 1 : 0, note: processFailed ? why : '' };
  }
  const summary = parseMochaSummary(result.stdout);
  if (!summary) {
    return { ...outcome, ok: false, failed: 1, note: `${why}, no mocha summary in its output` };
  }
  const counted = { ...outcome, ...summary };
  if (summary.passed + summary.failed === 0) return { ...counted, ok: false, failed: 1, note: 'ran no test' };
  if (summary.failed > 0) return { ...counted, ok: false, note: `${summary.failed} failing` };
  if (processFailed) return { ...counted, ok: false, failed: 1, note: `${why} although no test failed` };
  return { ...counted, ok: true, note: '' };
}

function printTable(outcomes, skippedNames) {
  const rows = [['suite', 'result', 'passed', 'failed', 'skipped', 'time', 'note']];
  for (const o of outcomes) {
    const counts = o.kind === 'suite' ? [o.passed, o.failed, o.skipped].map(String) : ['-', '-', '-'];
    rows.push([o.name, o.ok ? 'ok' : 'FAILED', ...counts, `${o.seconds.toFixed(1)} s`, o.note]);
  }
  for (const name of skippedNames) rows.push([name, 'NOT RUN', '-', '-', '-', '-', 'an earlier step failed']);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log('\n' + rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n'));
}

function printSkippedLoudly(outcomes) {
  const skipped = outcomes.filter((o) => o.skipped > 0);
  if (skipped.length === 0) return;
  console.log('\n!!! SKIPPED TESTS (pending: not run, not counted as passed) !!!');
  for (const o of skipped) {
    for (const title of o.pendingTitles.length ? o.pendingTitles : [`${o.skipped} test(s)`]) {
      console.log(`  SKIPPED [${o.name}] ${title}`);
    }
  }
}

async function main() {
  const entries = selectedPlan(process.argv.slice(2));
  const outcomes = [];
  const notRun = [];
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
  const sum = (key) => outcomes.reduce((total, o) => total + o[key], 0) + (key === 'failed' ? notRun.length : 0);
  const skipped = sum('skipped');
  console.log(`total: ${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return outcomes.every((o) => o.ok) && notRun.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`test.mjs: ${error.message}`);
      process.exit(1);
    },
  );
}
