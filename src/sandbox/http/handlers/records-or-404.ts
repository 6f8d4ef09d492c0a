// The record a path names, or the 404 worded the way ISC words it ("Referenced identity "…" was
// not found.").
import { notFound } from '../errors';
import type { SandboxAccount, SandboxEntitlement, SandboxIdentity, SandboxSource } from '../../state/records';
import type { RequestContext } from '../router';

export function requireAccount(context: RequestContext, id: string): SandboxAccount {
  const account = context.tenant.account(id);
  if (!account) throw notFound(`Referenced account "${id}" was not found.`);
  return account;
}

export function requireSource(context: RequestContext, id: string): SandboxSource {
  const source = context.tenant.source(id);
  if (!source) throw notFound(`Referenced source "${id}" was not found.`);
  return source;
}

export function requireIdentity(context: RequestContext, id: string): SandboxIdentity {
  const identity = context.tenant.identity(id);
  if (!identity) throw notFound(`Referenced identity "${id}" was not found.`);
  return identity;
}

export function requireEntitlement(context: RequestContext, id: string): SandboxEntitlement {
  const entitlement = context.tenant.entitlement(id);
  if (!entitlement) throw notFound(`Referenced entitlement "${id}" was not found.`);
  return entitlement;
}
