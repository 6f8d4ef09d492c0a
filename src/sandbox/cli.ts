// `npm run sandbox -- --port 8080 --accounts 100000 --seed 7 --rate-limit 100/10s --latency 50`
// Starts a sandbox tenant and keeps it up until Ctrl+C.
import { parseArgs } from 'node:util';
import { startSandbox } from './index';
import type { SandboxOptions } from './index';

const USAGE = 'usage: npm run sandbox -- [--port N] [--accounts N] [--seed N] [--rate-limit N/10s|off] [--latency MS]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`${flag} takes a whole number, got "${value}"`);
  return Number(value);
}

/** `100/10s`, `5/500ms`, `off`. */
function rateLimit(value: string | undefined): SandboxOptions['rateLimit'] {
  if (value === undefined) return undefined;
  if (value === 'off') return false;
  const match = /^(\d+)\/(\d+)(ms|s)$/.exec(value);
  if (!match) fail(`--rate-limit takes N/10s, N/500ms or off, got "${value}"`);
  return { requests: Number(match[1]), windowMs: Number(match[2]) * (match[3] === 's' ? 1000 : 1) };
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        accounts: { type: 'string' },
        seed: { type: 'string' },
        'rate-limit': { type: 'string' },
        latency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const text = (name: string) => values[name] as string | undefined;
  const latencyMs = wholeNumber(text('latency'), '--latency');
  const started = Date.now();
  const sandbox = await startSandbox({
    port: wholeNumber(text('port'), '--port'),
    largeSourceAccounts: wholeNumber(text('accounts'), '--accounts'),
    seed: wholeNumber(text('seed'), '--seed'),
    rateLimit: rateLimit(text('rate-limit')),
    faults: latencyMs === undefined ? undefined : { latencyMs },
  });
  const { baseUrl, clientId, clientSecret, tenant } = sandbox;
  console.log(`ISC sandbox tenant listening (${tenant.accountCount} accounts, ${tenant.identities().length} identities, started in ${Date.now() - started} ms)

  Base URL:       ${baseUrl}
  Client ID:      ${clientId}
  Client secret:  ${clientSecret}
  API:            ${baseUrl}/v3  ${baseUrl}/beta  ${baseUrl}/v2024

Get a token:
  curl -s -X POST '${baseUrl}/oauth/token' -d 'grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}'

List sources (paste the access_token):
  curl -s '${baseUrl}/v3/sources?count=true' -H 'Authorization: Bearer ACCESS_TOKEN'

Ctrl+C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the sandbox…');
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
