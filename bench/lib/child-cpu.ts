// The CPU time a worker process used, read from outside it: Linux adds each reaped child's
// user and system time to the parent's cutime and cstime (/proc/self/stat), so their
// difference around one run is that run's worker. Elsewhere it is not measured.
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of those fields, 100 on Linux whatever the kernel's own tick. */
const TICKS_PER_SECOND = 100;

/** CPU ms of this process's finished children so far, or undefined where /proc is missing. */
export function finishedChildrenCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // Fields after "pid (comm) " start at field 3; cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

/** Runs `work` (which runs one child process to its end) and returns the CPU ms that child used. */
export async function withChildCpu<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs?: number }> {
  const before = finishedChildrenCpuMs();
  const value = await work();
  const after = finishedChildrenCpuMs();
  return { value, cpuMs: before === undefined || after === undefined ? undefined : after - before };
}
