// What the journal tests share: a fresh folder per test, a sandbox tenant with a real client
// over loopback HTTP, and a short read-back window to match the sandbox's quick tasks.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IscClient } from '../../../src/isc';
import { JournalStore, type JournalStoreOptions } from '../../../src/journal/journal-store';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../src/sandbox';

export const JOURNAL_WINDOW = { windowMs: 600, firstIntervalMs: 20, maxIntervalMs: 100 };

export async function journalFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'isc-journal-'));
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

/** A fresh folder for each test; the stores opened on it are closed and the folder removed after it. */
export function eachTestFolder(): { readonly folder: string; open(options?: JournalStoreOptions): JournalStore } {
  const state = { folder: '', stores: [] as JournalStore[] };
  beforeEach(async () => {
    state.folder = await journalFolder();
    state.stores = [];
  });
  afterEach(async () => {
    for (const store of state.stores) await store.close();
    await fs.rm(state.folder, { recursive: true, force: true });
  });
  return {
    get folder() {
      return state.folder;
    },
    open(options?: JournalStoreOptions) {
      const store = new JournalStore(state.folder, options);
      state.stores.push(store);
      return store;
    },
  };
}

/** One sandbox tenant, with a real client, and one journal store for a whole `describe`. */
export function sharedJournalTenant(options: SandboxOptions = {}): JournalTenant & { readonly store: JournalStore; readonly folder: string } {
  const state = {} as { tenant: JournalTenant; folder: string; store: JournalStore };
  before(async () => {
    state.tenant = await startJournalTenant(options);
    state.folder = await journalFolder();
    state.store = new JournalStore(state.folder);
  });
  after(async () => {
    await state.store.close();
    await state.tenant.sandbox.close();
    await fs.rm(state.folder, { recursive: true, force: true });
  });
  return {
    get sandbox() {
      return state.tenant.sandbox;
    },
    get client() {
      return state.tenant.client;
    },
    get store() {
      return state.store;
    },
    get folder() {
      return state.folder;
    },
  };
}
