// A loopback proxy in front of a sandbox tenant that changes the JSON answers of matching
// requests: for answers ISC may send but the sandbox does not (a task that ends WARNING
// without `messages`). Faults themselves come from the sandbox's own rules (sandbox.faults).
import { startLoopbackProxy } from '../../tools/testing/loopback-proxy';
import type { TenantFront } from './explorer-helpers';

export interface Rewrite {
  method: string;
  path: RegExp;
  rewrite: (body: unknown) => unknown;
}

export function startAnswerRewriter(targetBaseUrl: string, rewrites: Rewrite[]): Promise<TenantFront> {
  return startLoopbackProxy(targetBaseUrl, {
    onAnswer: ({ method, url }, status, body) => {
      const path = url.split('?')[0];
      const rule = rewrites.find((r) => r.method === method && r.path.test(path));
      if (!rule || status < 200 || status >= 300) return undefined;
      return Buffer.from(JSON.stringify(rule.rewrite(JSON.parse(body.toString()))));
    },
  });
}
