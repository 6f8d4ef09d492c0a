// Starts a fresh real VS Code (code-server + headless Chromium, through the one launcher in
// tools/vscode/) with the extension loaded from this checkout, runs bench/vscode/host-bench.ts
// in its extension host, and returns what that measured.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../tools/paths';
import { openWorkbench } from '../../tools/vscode/workbench';
import { benchDir, tmpDir } from '../lib/child';
import type { HostBenchConfig, HostBenchResult } from './protocol';

const hostBundle = path.join(tmpDir, 'host-bench.js');
const timeoutMs = 240_000;
let built: Promise<unknown> | undefined;

function buildHostModule(): Promise<unknown> {
  mkdirSync(tmpDir, { recursive: true });
  return esbuild.build({
    entryPoints: [path.join(benchDir, 'vscode/host-bench.ts')],
    outfile: hostBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

let sequence = 0;

/**
 * `extensionDir`: the extension to load (default: this checkout, with its current dist/).
 * `drive`: what a person does in the workbench page meanwhile (keys, clicks); its failure ends the run.
 */
export async function runInFreshVsCode(
  config: Omit<HostBenchConfig, 'resultFile'>,
  extensionDir: string = repoRoot,
  drive?: (page: Page) => Promise<void>,
): Promise<HostBenchResult & { startMs: number }> {
  await (built ??= buildHostModule());
  const id = `${process.pid}-${++sequence}`;
  const configFile = path.join(tmpDir, `host-config-${id}.json`);
  const resultFile = path.join(tmpDir, `host-result-${id}.json`);
  writeFileSync(configFile, JSON.stringify({ ...config, resultFile }));
  const started = performance.now();
  const workbench = await openWorkbench({
    extensionDevelopmentPath: extensionDir,
    extensionTestsPath: hostBundle,
    env: { ISC_BENCH_CONFIG: configFile },
  });
  const startMs = performance.now() - started;
  try {
    const driving = drive?.(workbench.page);
    const exit = await Promise.race([
      workbench.exit,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref()),
      ...(driving ? [driving.then(() => new Promise<never>(() => undefined))] : []),
    ]);
    // The host ended first: the page closes below, which fails whatever the driver still waits for.
    driving?.catch(() => undefined);
    if (exit === 'timeout') throw new Error(`the bench module did not finish in the extension host within ${timeoutMs / 1000} s`);
    let text: string;
    try {
      text = readFileSync(resultFile, 'utf8');
    } catch {
      const tail = workbench.logs().slice(-15).map((entry) => entry.text).join('\n');
      throw new Error(`the bench module wrote no result (extension host exit ${exit}); last log lines:\n${tail}`);
    }
    const result = JSON.parse(text) as HostBenchResult;
    return { ...result, startMs };
  } finally {
    await workbench.close();
    rmSync(configFile, { force: true });
    rmSync(resultFile, { force: true });
  }
}
