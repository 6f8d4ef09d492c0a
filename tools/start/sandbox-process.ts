// The sandbox tenant as a child of `npm start` (sandbox.ts beside this forks it through tsx).
// It reports its address and credentials in one IPC message, and ends when npm start goes away
// by any road, a SIGKILL included (the IPC channel closes), so it never lingers.
import { startSandbox } from '../../src/sandbox';

export interface SandboxSummary {
  sources: number;
  accounts: number;
  identities: number;
  entitlements: number;
  sourceNames: string[];
}

export interface ReadyMessage {
  type: 'ready';
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  summary: SandboxSummary;
}

function accountsOption(argv: string[]): number {
  const index = argv.indexOf('--accounts');
  const value = index >= 0 ? Number(argv[index + 1]) : NaN;
  if (!Number.isInteger(value) || value < 1) throw new Error('--accounts N (a positive whole number) is required');
  return value;
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('run this through npm start (it needs an IPC channel)');
  const sandbox = await startSandbox({
    largeSourceAccounts: accountsOption(process.argv),
    realisticAccounts: process.argv.includes('--realistic'),
    // ISC's own gateway limit, so what you see locally is how the extension paces a real tenant.
    rateLimit: { requests: 100, windowMs: 10_000 },
  });
  const ready: ReadyMessage = {
    type: 'ready',
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    summary: {
      sources: sandbox.tenant.sources().length,
      accounts: sandbox.tenant.accountCount,
      identities: sandbox.tenant.identities().length,
      entitlements: sandbox.tenant.entitlements().length,
      sourceNames: sandbox.tenant.sources().map((source) => source.name),
    },
  };
  process.send(ready);

  const stop = async (): Promise<void> => {
    await sandbox.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (process.send) process.send({ type: 'failed', message }, () => process.exit(1));
  else {
    console.error(message);
    process.exit(1);
  }
});
