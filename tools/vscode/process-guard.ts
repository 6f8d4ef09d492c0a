// `node --import tsx process-guard.ts COMMAND ARGS...`, forked by startCodeServer() with an IPC
// channel as the leader of a new process group: runs COMMAND in that group and ends the whole
// group when the tool that forked it goes away by any road. A tool that exits normally stops
// the group itself; this covers the rest (a SIGKILL, a crash), which would otherwise leave
// code-server and its extension host running with nobody to stop them.
import { spawn } from 'node:child_process';
import { signalGroup } from './process-group';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit' });

// The tool stops the group with SIGTERM, then SIGKILL: the guard outlives the SIGTERM so it
// can report the command's exit, and goes with the SIGKILL.
process.on('SIGTERM', () => undefined);
process.on('SIGINT', () => undefined);

let orphaned = false;
process.on('disconnect', () => {
  orphaned = true;
  signalGroup(process.pid, 'SIGTERM');
  setTimeout(() => signalGroup(process.pid, 'SIGKILL'), 5_000);
});

child.on('error', (error) => {
  console.error(`process-guard: could not run ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Orphaned: nobody else will sweep what the command left behind (its extension host).
  if (orphaned) signalGroup(process.pid, 'SIGKILL');
  process.exit(code ?? (signal ? 128 : 1));
});
