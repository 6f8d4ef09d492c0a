// Who is writing. Each JournalStore is one session with its own files, named after the
// process, so that two VS Code windows (two extension hosts sharing the global storage) never
// write the same file, and an item is taken as still running only while its session lives: a
// window that opens the journal must not call another window's bulk run interrupted.
// No vscode here.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';

const STALE_LOCK_MS = 60_000;

/** Sessions of this process that are open now. */
const openHere = new Set<string>();

/** `<pid>-<random>`: the process is readable from the id alone, also from records in a compacted file. */
export function newSessionId(): string {
  const id = `${process.pid}-${randomUUID().slice(0, 8)}`;
  openHere.add(id);
  return id;
}

export function endSession(id: string): void {
  openHere.delete(id);
}

export type SessionLiveness = (sessionId: string) => boolean;

/** A session of this process lives while it is open; another process's while that process runs. */
export const sessionLives: SessionLiveness = (sessionId) => {
  const pid = Number(sessionId.split('-')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return openHere.has(sessionId);
  return processRuns(pid);
};

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock file for compaction, so that two processes never rewrite the same journal at once.
 * A lock left by a process that died is taken over. Resolves to a release function, or to
 * undefined when a live process holds it (compaction then waits for another time).
 */
export async function tryLock(file: string): Promise<(() => Promise<void>) | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.write(String(process.pid));
      await handle.close();
      return () => fs.rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      const age = Date.now() - ((await fs.stat(file).catch(() => undefined))?.mtimeMs ?? 0);
      // Compaction takes well under a minute: an older lock is one a crash left (its pid may be reused).
      if (age < STALE_LOCK_MS && Number.isInteger(holder) && holder > 0 && (holder === process.pid || processRuns(holder))) return undefined;
      await fs.rm(file, { force: true });
    }
  }
  return undefined;
}
