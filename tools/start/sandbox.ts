// Runs the sandbox tenant in a child process (sandbox-process.ts, through tsx) so generating
// its accounts never stalls npm start's signal handling, and reads its address and credentials
// from one IPC message rather than from text meant for people.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { exitOf, stopProcessGroup } from '../vscode/process-group';
import type { ReadyMessage, SandboxSummary } from './sandbox-process';

export type { SandboxSummary };

export interface RunningSandbox {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  summary: SandboxSummary;
  pid: number;
  /** Resolves with the exit code or signal, whenever it exits. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const startTimeoutMs = 120_000;

export async function startSandboxProcess({ repoRoot, accounts, realistic }: { repoRoot: string; accounts: number; realistic: boolean }): Promise<RunningSandbox> {
  const args = ['--accounts', String(accounts), ...(realistic ? ['--realistic'] : [])];
  const child = fork(path.join(__dirname, 'sandbox-process.ts'), args, {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = (): Promise<void> => stopProcessGroup(child);
  const exited = exitOf(child);
  try {
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
      child.once('message', (message: ReadyMessage | { type: 'failed'; message: string }) => {
        clearTimeout(timer);
        if (message?.type === 'ready') resolve(message);
        else reject(new Error(`the sandbox failed to start: ${message?.message ?? JSON.stringify(message)}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox exited (${code ?? signal}) before it was ready`));
      });
    });
    return { baseUrl: ready.baseUrl, clientId: ready.clientId, clientSecret: ready.clientSecret, summary: ready.summary, pid: child.pid!, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
