// Child processes of `npm start`: each runs in its own process group (spawned `detached`) so
// stopping it also ends whatever it started (code-server's extension host, its watchers), and
// a Ctrl+C in the terminal reaches only start.mjs, which then stops them in order.
import { createServer } from 'node:net';

/** Ends the child's whole process group: SIGTERM, then SIGKILL for whatever is left. */
export async function stopProcessGroup(child, graceMs = 5_000) {
  if (child.pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
  signalGroup(child.pid, 'SIGTERM');
  await Promise.race([exited, delay(graceMs)]);
  // Grandchildren (an extension host, a language server) can outlive the leader: always sweep.
  signalGroup(child.pid, 'SIGKILL');
  await Promise.race([exited, delay(1_000)]);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Polls `url` until it answers 2xx; fails early when the child exits first. */
export async function waitForHttp(url, child, { timeoutMs, output }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before answering at ${url}:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`did not answer at ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

/** `preferred` when nothing listens on it at 127.0.0.1, else (when allowed) any free port. */
export async function loopbackPort(preferred, { fallBackToFree }) {
  if (await canListen(preferred)) return preferred;
  if (!fallBackToFree) throw new Error(`Port ${preferred} on 127.0.0.1 is taken; choose another with --port N`);
  const port = await listenOnce(0);
  return port;
}

async function canListen(port) {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

function listenOnce(port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : port));
    });
  });
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
