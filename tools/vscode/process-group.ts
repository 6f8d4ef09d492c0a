// A launched server runs as the leader of a process group of its own (spawned `detached`), so
// stopping it also ends whatever it started (code-server's extension host, its watchers), and a
// Ctrl+C in the terminal reaches only the tool, which then stops its children in order.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

/** Ends the child's whole process group: SIGTERM, then SIGKILL for whatever is left. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
  signalGroup(child.pid, 'SIGTERM');
  await Promise.race([exited, delay(graceMs)]);
  // Grandchildren (an extension host, a language server) can outlive the leader: always sweep.
  signalGroup(child.pid, 'SIGKILL');
  await Promise.race([exited, delay(1_000)]);
}

export function signalGroup(leaderPid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-leaderPid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Resolves with the exit code, or the signal's name, whenever the child exits. */
export function exitOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
}
