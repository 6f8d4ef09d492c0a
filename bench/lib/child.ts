// Every measured run happens in a fresh Node process, for both clients: the official SDK keeps
// state in its global axios instance (it adds retry interceptors on every call), so runs in one
// process would slow each other down. The worker is bundled once with esbuild; the SDK stays
// external and is loaded from node_modules as a user's script would.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../tools/paths';
import type { WorkerResult, WorkerTask } from '../worker/protocol';

export const benchDir = path.resolve(__dirname, '..');
export const tmpDir = path.join(benchDir, 'tmp');
const workerBundle = path.join(tmpDir, 'worker.cjs');

let built: Promise<void> | undefined;

function buildWorker(): Promise<void> {
  mkdirSync(tmpDir, { recursive: true });
  return esbuild
    .build({
      entryPoints: [path.join(benchDir, 'worker/main.ts')],
      outfile: workerBundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['sailpoint-api-client'],
      sourcemap: 'inline',
      logLevel: 'warning',
    })
    .then(() => undefined);
}

let sequence = 0;

/** Runs one task in a fresh process and returns what it measured; rejects if it crashed. */
export async function runInFreshProcess(task: WorkerTask, timeoutMs = 180_000): Promise<WorkerResult> {
  await (built ??= buildWorker());
  const id = `${process.pid}-${++sequence}`;
  const taskFile = path.join(tmpDir, `task-${id}.json`);
  const resultFile = path.join(tmpDir, `result-${id}.json`);
  writeFileSync(taskFile, JSON.stringify({ ...task, resultFile }));
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      // The worker runs the SDK from node_modules: start it in the repo so that resolves.
      const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', workerBundle, taskFile], {
        cwd: repoRoot,
        // The SDK's Paginator prints a line per page; keep stdout out of the bench's progress.
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4_000);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    let text: string;
    try {
      text = readFileSync(resultFile, 'utf8');
    } catch {
      throw new Error(`bench worker (${task.kind}/${task.impl}) exited ${code} without a result:\n${stderr}`);
    }
    return JSON.parse(text) as WorkerResult;
  } finally {
    rmSync(taskFile, { force: true });
    rmSync(resultFile, { force: true });
  }
}
