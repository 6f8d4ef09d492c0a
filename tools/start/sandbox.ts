// Runs the sandbox tenant in a child process (scripts/start/sandbox-process.ts, through tsx) so
// generating its accounts never stalls start.mjs's signal handling, and reads its address and
// credentials from one IPC message rather than from text meant for people.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { stopProcessGroup } from './processes.mjs';

const startTimeoutMs = 120_000;

/**
 * @typedef {object} SandboxSummary
 * @property {number} sources
 * @property {number} accounts
 * @property {number} identities
 * @property {number} entitlements
 * @property {string[]} sourceNames
 *
 * @typedef {object} RunningSandbox
 * @property {string} baseUrl
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {SandboxSummary | undefined} summary
 * @property {number} pid
 * @property {Promise<string>} exited  resolves with the exit code or signal, whenever it exits
 * @property {() => Promise<void>} stop
 */

/** @returns {Promise<RunningSandbox>} */
export async function startSandboxProcess({ repoRoot, accounts }) {
  const child = fork(path.join(repoRoot, 'scripts/start/sandbox-process.ts'), ['--accounts', String(accounts)], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () => stopProcessGroup(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  try {
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
      child.once('message', (message) => {
        clearTimeout(timer);
        if (message?.type === 'ready') resolve(message);
        else reject(new Error(`the sandbox failed to start: ${message?.message ?? JSON.stringify(message)}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox exited (${code ?? signal}) before it was ready`));
      });
    });
    return { ...ready, pid: child.pid, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
