// What `npm start` tells the person at the terminal: progress lines, then one block saying
// what runs where and how to stop it.
import * as path from 'node:path';
import type { RunningSandbox, SandboxSummary } from './sandbox';
import type { StartFolders } from './workspace';

export interface ReadyReport {
  kind: 'desktop' | 'code-server';
  sandbox: RunningSandbox;
  dirs: StartFolders;
  repoRoot: string;
  seconds: number;
  /** code-server only. */
  url?: string;
  port?: number;
  opened?: boolean;
  /** desktop only. */
  desktopCommand?: string[];
}

export function say(message: string): void {
  console.log(`npm start: ${message}`);
}

export function printReady({ kind, sandbox, dirs, repoRoot, seconds, url, port, opened, desktopCommand }: ReadyReport): void {
  const relative = (file: string): string => path.relative(repoRoot, file);
  const summary = describeSandbox(sandbox.summary);
  const lines = ['', `ISC Accounts is running (ready in ${seconds.toFixed(1)} s)`, ''];
  if (kind === 'desktop') {
    lines.push(`  VS Code           a new desktop window: ${(desktopCommand ?? []).map(quote).join(' ')}`);
  } else {
    lines.push(`  VS Code           ${url}`);
    lines.push(
      opened
        ? '                    (opened in your browser; open this URL again any time)'
        : '                    open this URL in Chrome, Chromium, Edge or Firefox on this machine',
    );
    lines.push(`                    (on a remote machine: ssh -L ${port}:127.0.0.1:${port} you@it, then the same URL)`);
  }
  lines.push(`  Sandbox tenant    ${sandbox.baseUrl}  (${summary})`);
  lines.push(`    client id       ${sandbox.clientId}`);
  // Printing it is harmless: a made-up secret of a fake tenant that only listens on 127.0.0.1.
  lines.push(`    client secret   ${sandbox.clientSecret}   (a local fake, safe to show)`);
  lines.push(
    kind === 'desktop'
      ? `  VS Code profile   ${relative(dirs.userDataDir)}/ (your own settings and tenants are not touched)`
      : `  Profile and log   ${relative(dirs.root)}/ (code-server's output: ${relative(dirs.logFile)})`,
  );
  lines.push('');
  lines.push('  Click the ISC Accounts icon in the activity bar: the tenant "Sandbox (npm start)" is there.');
  lines.push('  Changed the code? npm run build (or npm run watch), then "Developer: Reload Window".');
  lines.push(
    kind === 'desktop'
      ? '  Stop: close the VS Code window, or Ctrl+C here (stops the sandbox; then close the window).'
      : '  Stop: Ctrl+C here (stops code-server and the sandbox tenant).',
  );
  lines.push('');
  console.log(lines.join('\n'));
}

function describeSandbox(summary: SandboxSummary): string {
  const count = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}`;
  return [
    count(summary.sources, 'sources'),
    count(summary.accounts, 'accounts'),
    count(summary.identities, 'identities'),
    count(summary.entitlements, 'entitlements'),
  ].join(', ');
}

function quote(arg: string): string {
  return /[\s"'$]/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg;
}
