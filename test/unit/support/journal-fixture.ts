// What the journal tests share: a fresh folder per test, a sandbox tenant with a real client
// over loopback HTTP, and a short read-back window to match the sandbox's quick tasks.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IscClient } from '../../../src/isc';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../src/sandbox';

export const JOURNAL_WINDOW = { windowMs: 600, firstIntervalMs: 20, maxIntervalMs: 100 };

export async function journalFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'isc-journal-'));
}

/** Every file under `folder`, as one text, to search for what must not be there. */
export async function allText(folder: string): Promise<string> {
  const names = await fs.readdir(folder, { recursive: true });
  const texts = await Promise.all(names.map((name) => fs.readFile(path.join(folder, name), 'utf8').catch(() => '')));
  return texts.join('\n');
}

export interface JournalTenant {
  sandbox: SandboxHandle;
  client: IscClient;
}

export async function startJournalTenant(options: SandboxOptions = {}): Promise<JournalTenant> {
  const sandbox = await startSandbox({ largeSourceAccounts: 80, identities: 30, taskDurationMs: 20, rateLimit: false, ...options });
  const client = new IscClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    requestsPer10Seconds: 1_000_000,
    timeoutMs: 2_000,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 50,
  });
  return { sandbox, client };
}
