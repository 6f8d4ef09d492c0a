// Ports on 127.0.0.1 for the servers the tools start. A port found free is only free until
// someone takes it: callers that can choose another retry on EADDRINUSE.
import { createServer } from 'node:net';

/** `preferred` when nothing listens on it at 127.0.0.1, else (when allowed) any free port. */
export async function loopbackPort(preferred: number, { fallBackToFree }: { fallBackToFree: boolean }): Promise<number> {
  if (await canListen(preferred)) return preferred;
  if (!fallBackToFree) throw new Error(`Port ${preferred} on 127.0.0.1 is taken; choose another with --port N`);
  return freeLoopbackPort();
}

/** A port the system found free a moment ago. */
export function freeLoopbackPort(): Promise<number> {
  return listenOnce(0);
}

async function canListen(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : port));
    });
  });
}
