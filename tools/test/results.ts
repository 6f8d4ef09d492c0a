// What `npm test` makes of each step's and suite's run: mocha's "N passing / N failing / N
// pending" read from its output, a verdict, the closing table, and the one plain line
// `total: N passed, N failed[, N skipped]` that CI (.ci/run) reads.
// A suite fails when its process fails, when mocha reports a failure, or when it ran no test.
// A failed step or suite with no failing test of its own counts as one failure, so the total
// line never reads "0 failed" on a red run.

/** kind `step` passes or fails; kind `suite` is mocha and has counts. */
export interface PlanEntry {
  name: string;
  kind: 'step' | 'suite';
  script: string;
  timeoutMs: number;
}

export interface RunResult {
  exitCode: number;
  timedOut: boolean;
  stdout: string;
  seconds: number;
}

export interface MochaSummary {
  passed: number;
  failed: number;
  skipped: number;
  pendingTitles: string[];
  /** Each failing test as "title: first line of its error", from mocha's list after "N failing". */
  failures: string[];
}

export interface Outcome extends MochaSummary {
  name: string;
  kind: PlanEntry['kind'];
  seconds: number;
  ok: boolean;
  note: string;
}

// Mocha's epilogue: "  12 passing (3s)", then "  2 pending", then "  1 failing". The last
// epilogue in the output is the suite's (tests may print text of their own before it).
export function parseMochaSummary(output: string): MochaSummary | undefined {
  const lines = output.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\s*\d+ passing\b/.test(lines[i])) {
      start = i;
      break;
    }
  }
  if (start === -1) return undefined;
  const count = (word: string): number => {
    const line = lines.slice(start, start + 3).find((text) => new RegExp(`^\\s*\\d+ ${word}\\b`).test(text));
    return line ? Number(line.trim().split(' ')[0]) : 0;
  };
  // The spec reporter marks a pending test as "  - title" (in the results, before the epilogue).
  const pendingTitles = lines.slice(0, start).filter((text) => /^\s+- \S/.test(text)).map((text) => text.trim().slice(2));
  return { passed: count('passing'), failed: count('failing'), skipped: count('pending'), pendingTitles, failures: failuresAfter(lines.slice(start)) };
}

// The spec reporter lists each failure as "  1) suite", its nested titles indented further, the
// last ending with ":", then the error. CI shows only the end of a run's output, so these are
// repeated there: without them a red run names no test.
function failuresAfter(epilogue: string[]): string[] {
  const failures: string[] = [];
  for (let i = 0; i < epilogue.length; i++) {
    const head = /^\s*\d+\) (.*)$/.exec(epilogue[i]);
    if (!head) continue;
    const titles = [head[1].trim()];
    let j = i + 1;
    while (j < epilogue.length && !titles[titles.length - 1].endsWith(':')) titles.push(epilogue[j++].trim());
    const error = epilogue.slice(j).find((text) => text.trim() !== '')?.trim() ?? '(no error printed)';
    failures.push(`${titles.join(' ').replace(/:$/, '')}: ${error}`);
    i = j;
  }
  return failures;
}

export function judge(entry: PlanEntry, result: RunResult): Outcome {
  const outcome = { name: entry.name, kind: entry.kind, seconds: result.seconds, passed: 0, failed: 0, skipped: 0, pendingTitles: [], failures: [] };
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

export function printTable(outcomes: Outcome[], notRun: string[]): void {
  const rows = [['suite', 'result', 'passed', 'failed', 'skipped', 'time', 'note']];
  for (const o of outcomes) {
    const counts = o.kind === 'suite' ? [o.passed, o.failed, o.skipped].map(String) : ['-', '-', '-'];
    rows.push([o.name, o.ok ? 'ok' : 'FAILED', ...counts, `${o.seconds.toFixed(1)} s`, o.note]);
  }
  for (const name of notRun) rows.push([name, 'NOT RUN', '-', '-', '-', '-', 'an earlier step failed']);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log('\n' + rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n'));
}

export function printSkippedLoudly(outcomes: Outcome[]): void {
  const skipped = outcomes.filter((o) => o.skipped > 0);
  if (skipped.length === 0) return;
  console.log('\n!!! SKIPPED TESTS (pending: not run, not counted as passed) !!!');
  for (const o of skipped) {
    for (const title of o.pendingTitles.length ? o.pendingTitles : [`${o.skipped} test(s)`]) {
      console.log(`  SKIPPED [${o.name}] ${title}`);
    }
  }
}

export function printFailedLoudly(outcomes: Outcome[]): void {
  const failures = outcomes.flatMap((o) => o.failures.map((failure) => `  FAILED [${o.name}] ${failure}`));
  if (failures.length === 0) return;
  console.log('\n!!! FAILED TESTS !!!');
  console.log(failures.join('\n'));
}

/** The last line of `npm test`, read by CI: a step or suite that never ran counts as failed. */
export function totalLine(outcomes: Outcome[], notRun: string[]): string {
  const sum = (key: 'passed' | 'failed' | 'skipped'): number => outcomes.reduce((total, o) => total + o[key], 0);
  const skipped = sum('skipped');
  return `total: ${sum('passed')} passed, ${sum('failed') + notRun.length} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
