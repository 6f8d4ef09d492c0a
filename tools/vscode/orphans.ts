// A server in a process group of its own outlives a tool that ends without stopping it (an
// uncaught error, a Ctrl+C nobody handles). Whatever is still registered here when this process
// exits is killed, and its folders removed, synchronously. The process guard covers the one
// end no handler sees, a SIGKILL.
import type { ChildProcess } from 'node:child_process';
import { signalGroup } from './process-group';

const live = new Map<ChildProcess, (() => void) | undefined>();
const signals = ['SIGINT', 'SIGTERM'] as const;
const exitingOn = new Set<NodeJS.Signals>();

/** Sweeps the child's group (and runs `removeFolders`) if this process exits first; call the
 *  returned function once the child is stopped. */
export function sweepOnExit(child: ChildProcess, removeFolders?: () => void): () => void {
  if (live.size === 0) {
    process.on('exit', sweepAll);
    // A tool that handles these signals itself (npm start) stops its children in order; in one
    // that does not, the signal would end the process without 'exit', so it becomes an exit.
    for (const signal of signals) {
      if (process.listenerCount(signal) > 0) continue;
      process.on(signal, exitOnSignal);
      exitingOn.add(signal);
    }
  }
  live.set(child, removeFolders);
  return () => {
    live.delete(child);
    if (live.size > 0) return;
    process.off('exit', sweepAll);
    for (const signal of exitingOn) process.off(signal, exitOnSignal);
    exitingOn.clear();
  };
}

function sweepAll(): void {
  for (const [child, removeFolders] of live) {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    removeFolders?.();
  }
  live.clear();
}

function exitOnSignal(signal: NodeJS.Signals): void {
  sweepAll();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
