// `npm run test:vscode`: builds the extension and the in-VS-Code test bundles, then runs them in
// a real VS Code with the runner choose-runner.ts picks, in a process of its own.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { buildExtension } from '../build';
import { repoRoot } from '../paths';
import { chooseRunner } from './choose-runner';
import { buildIntegrationTests } from './integration-bundles';

function banner(text: string): void {
  const line = '='.repeat(Math.max(60, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

async function main(): Promise<number> {
  const { runner, reason, env } = chooseRunner();
  await buildExtension();
  const testFiles = await buildIntegrationTests();
  console.log(`built ${testFiles.length} in-VS-Code test file(s): ${testFiles.join(', ')}`);

  banner(`in-VS-Code tests: ${runner} runner (${reason})`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, `${runner}-runner.ts`)], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  // The runner cleans up code-server and the browser on SIGINT/SIGTERM: pass those on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  if (code !== 0) banner(`in-VS-Code tests FAILED (${runner} runner exited with ${code})`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`test:vscode: ${error.message}`);
    process.exit(1);
  },
);
