// The extension host of one code-server, found as a person would with `ps`: a descendant of
// that server's own process (never another test's server, which runs side by side) whose
// command line says `--type=extensionHost`. Ending it with SIGKILL is a crash: no deactivate,
// no flush, nothing the extension could tidy up. Linux only (/proc).
import { readdirSync, readFileSync } from 'node:fs';

const EXTENSION_HOST_ARG = '--type=extensionHost';

interface ProcessInfo {
  pid: number;
  ppid: number;
  args: string[];
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name in parentheses may hold spaces: the fields after its ")" are fixed.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      found.push({ pid: Number(name), ppid: Number(ppid), args });
    } catch {
      // It ended while being read.
    }
  }
  return found;
}

function descendantsOf(rootPid: number, all: ProcessInfo[]): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const info of all) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info]);
  const found: ProcessInfo[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** The pids of the extension hosts this server runs now (one per connected window). */
export function extensionHostPids(serverPid: number): number[] {
  return descendantsOf(serverPid, processes())
    .filter((info) => info.args.includes(EXTENSION_HOST_ARG))
    .map((info) => info.pid);
}

function runs(pid: number): boolean {
  return processes().some((info) => info.pid === pid);
}

/** Waits until the server runs exactly one extension host, other than `not`; returns its pid. */
export async function waitForExtensionHost(serverPid: number, options: { not?: number; timeoutMs?: number } = {}): Promise<number> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const pids = extensionHostPids(serverPid).filter((pid) => pid !== options.not);
    if (pids.length === 1) return pids[0];
    if (Date.now() > deadline) throw new Error(`expected one extension host of server ${serverPid}${options.not ? ` other than ${options.not}` : ''}, found [${pids.join(', ')}]`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGKILLs the server's one extension host and waits until it is gone; returns its pid. */
export async function killExtensionHost(serverPid: number): Promise<number> {
  // The server briefly starts other processes of the same type now and then: wait for one.
  const pid = await waitForExtensionHost(serverPid, { timeoutMs: 10_000 });
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (runs(pid)) {
    if (Date.now() > deadline) throw new Error(`extension host ${pid} still runs 10 s after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return pid;
}
