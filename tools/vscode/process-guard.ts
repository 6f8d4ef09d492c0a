// `node process-guard.mjs COMMAND ARGS...`, forked by start.mjs with an IPC channel as the
// leader of a new process group: runs COMMAND in that group and ends the whole group when
// start.mjs goes away by any road. A Ctrl+C is handled by start.mjs itself; this covers the
// rest (a SIGKILL, a crash), which would otherwise leave code-server and its extension host
// running with nobody to stop them.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit' });

const signalGroup = (signal) => {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // The group is already gone.
  }
};

// start.mjs stops the group with SIGTERM, then SIGKILL: the guard outlives the SIGTERM so it
// can report the command's exit, and goes with the SIGKILL.
process.on('SIGTERM', () => undefined);
process.on('SIGINT', () => undefined);

let orphaned = false;
process.on('disconnect', () => {
  orphaned = true;
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), 5_000);
});

child.on('error', (error) => {
  console.error(`process-guard: could not run ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Orphaned: nobody else will sweep what the command left behind (its extension host).
  if (orphaned) signalGroup('SIGKILL');
  process.exit(code ?? (signal ? 128 : 1));
});
