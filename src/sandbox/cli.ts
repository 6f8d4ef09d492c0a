// `npm run sandbox -- --port 8080 --accounts 100000 --seed 7 --rate-limit 100/10s --latency 50`
// Starts a sandbox tenant and keeps it up until Ctrl+C. `--help` lists every flag
// (cli-options.ts), fault knobs included.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI_FLAGS, USAGE, UsageError, sandboxOptionsFromFlags } from './cli-options';
import { startSandbox } from '.';
import type { SandboxOptions } from '.';

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    const { values } = parseArgs({ options: CLI_FLAGS });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    options = sandboxOptionsFromFlags(values, path.resolve(__dirname, '..', '..'));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) fail((error as Error).message);
    throw error;
  }
  const started = Date.now();
  const sandbox = await startSandbox(options);
  const { baseUrl, clientId, clientSecret, tenant } = sandbox;
  // The certificate is self-signed: -k, which is fine on loopback.
  const curl = options.tls ? 'curl -sk' : 'curl -s';
  const rules = sandbox.faults.pending().map((rule) => `${rule.fate} ${rule.method ?? '*'} ${String(rule.path ?? '')} ${rule.kind ?? ''} x${rule.count}`);
  console.log(`ISC sandbox tenant listening (${tenant.accountCount} accounts${options.realisticAccounts ? ' with realistic attributes' : ''}, ${tenant.identities().length} identities, started in ${Date.now() - started} ms)

  Base URL:       ${baseUrl}
  Client ID:      ${clientId}
  Client secret:  ${clientSecret}
  API:            ${baseUrl}/v3  ${baseUrl}/beta  ${baseUrl}/v2024

Get a token:
  ${curl} -X POST '${baseUrl}/oauth/token' -d 'grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}'

List sources (paste the access_token):
  ${curl} '${baseUrl}/v3/sources?count=true' -H 'Authorization: Bearer ACCESS_TOKEN'

Faults: ${JSON.stringify(sandbox.faults.current)}${rules.length > 0 ? `\nFault rules: ${rules.join('; ')}` : ''}

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
