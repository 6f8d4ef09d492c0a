// Opens a URL in the user's default browser when this session has one; a server over SSH or a
// container has none, and then printing the URL is all there is to do.
import { spawn } from 'node:child_process';

/** Whether a browser was asked to open it. */
export function openInDefaultBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const command = browserCommand(url, env);
  if (!command) return false;
  try {
    const child = spawn(command[0], command.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    // The browser is the user's: it stays open after npm start ends.
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function browserCommand(url: string, env: NodeJS.ProcessEnv): string[] | undefined {
  if (process.platform === 'darwin') return ['open', url];
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return ['xdg-open', url];
}
