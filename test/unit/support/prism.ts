// Stoplight Prism mocks of the official ISC contract, one per API version, behind a loopback
// front server that answers /oauth/token itself, forwards /v3, /beta and /v2024 to the
// matching mock (Prism serves paths without the version), and records every contract
// violation Prism reports in its `sl-violations` header.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ApiVersion } from '../../../src/isc/models';
import { openApiDirectory } from './openapi';

const REPO = resolve(__dirname, '../../..');
const PRISM_BIN = resolve(REPO, 'node_modules/.bin/prism');
export const VERSIONS: ApiVersion[] = ['v3', 'beta', 'v2024'];

/** The contract file of a version; throws (loudly) when it is missing. */
export function contractFile(version: ApiVersion): string {
  const file = resolve(openApiDirectory(), `isc-${version}-accounts.json`);
  if (!existsSync(file)) throw new Error(`The ISC OpenAPI contract ${file} is missing: the contract test cannot run without it.`);
  return file;
}

export interface Violation {
  method: string;
  path: string;
  status: number;
  /** Prism's own entries: `location` starts with "request" or "response". */
  violations: Array<{ location?: string[]; message?: string; severity?: string; code?: string }>;
}

export interface PrismFront {
  url: string;
  violations: Violation[];
  /** Every forwarded request: method, path with version, status. */
  exchanges: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

interface Mock {
  port: number;
  child: ChildProcess;
  output: string[];
}

/** Starts `prism mock` for one contract and resolves once it listens. */
async function startMock(version: ApiVersion, timeoutMs: number): Promise<Mock> {
  if (!existsSync(PRISM_BIN)) throw new Error(`Stoplight Prism is not installed at ${PRISM_BIN}.`);
  const port = await freePort();
  const child = spawn(PRISM_BIN, ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'info', contractFile(version)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`prism mock (${version}) did not start within ${timeoutMs} ms:\n${output.join('')}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      if (/Prism is listening on/.test(chunk.toString())) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`prism mock (${version}) exited with ${code}:\n${output.join('')}`));
    });
  });
  return { port, child, output };
}

function stop(mock: Mock): Promise<void> {
  if (mock.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    mock.child.once('exit', () => done());
    mock.child.kill('SIGTERM');
  });
}

/** Starts the three mocks (in parallel: each takes seconds) and the front server. */
export async function startPrismFront(startTimeoutMs = 60_000): Promise<PrismFront> {
  const settled = await Promise.allSettled(VERSIONS.map((version) => startMock(version, startTimeoutMs)));
  const mocks = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(mocks.map(stop));
    throw failed.reason;
  }
  const portOf = new Map(VERSIONS.map((version, i) => [version, mocks[i].port]));
  const violations: Violation[] = [];
  const exchanges: PrismFront['exchanges'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://front');
      if (req.method === 'POST' && url.pathname === '/oauth/token') {
        const form = new URLSearchParams(body.toString());
        const ok = form.get('grant_type') === 'client_credentials' && form.get('client_id') && form.get('client_secret');
        res.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(ok ? { access_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJwcmlzbSJ9.c2ln', token_type: 'bearer', expires_in: 749 } : { error: 'invalid_request' }));
        return;
      }
      const [, version, rest] = /^\/(v3|beta|v2024)(\/.*)$/.exec(url.pathname) ?? [];
      const port = portOf.get(version as ApiVersion);
      if (!port) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"messages":[{"text":"no such version"}]}');
        return;
      }
      const headers = { ...req.headers, host: `127.0.0.1:${port}` };
      const upstream = forward({ host: '127.0.0.1', port, method: req.method, path: `${rest}${url.search}`, headers }, (answer) => {
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          const status = answer.statusCode ?? 502;
          exchanges.push({ method: req.method ?? '', path: url.pathname, status });
          const reported = answer.headers['sl-violations'];
          if (reported) violations.push({ method: req.method ?? '', path: url.pathname, status, violations: parseViolations(String(reported)) });
          const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...passed } = answer.headers;
          res.writeHead(status, passed);
          res.end(Buffer.concat(answerChunks));
        });
      });
      upstream.on('error', (error) => {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`front could not reach prism: ${error.message}`);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    violations,
    exchanges,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await Promise.all(mocks.map(stop));
    },
  };
}

function parseViolations(header: string): Violation['violations'] {
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? (parsed as Violation['violations']) : [{ message: header }];
  } catch {
    return [{ message: header }];
  }
}

/** The violations of the client's requests (Prism also reports flaws of the contract's own examples). */
export function requestViolations(found: Violation[]): Violation[] {
  return found
    .map((entry) => ({ ...entry, violations: entry.violations.filter((v) => v.location?.[0] !== 'response') }))
    .filter((entry) => entry.violations.length > 0);
}
