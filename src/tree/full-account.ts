// The one way the full account (attributes and all) is read for a row or a command given an
// account: GET /accounts/{id}, refusing an answer about another account. Named, confirmed,
// shown or changed as this one, another account would mislead. No vscode here.
import type { IscApi } from '../isc/api';
import type { Account } from '../isc/models';
import { errorSummary } from '../ui/error-text';
import type { TooltipDetail } from './account-presentation';

export async function readFullAccount(client: Pick<IscApi, 'getAccount'>, accountId: string, signal?: AbortSignal): Promise<Account> {
  const account = await client.getAccount(accountId, { signal });
  if (account.id !== accountId) {
    const came = account.id ? `account ${account.id}${account.name ? ` ("${account.name}")` : ''}` : 'an account without an id';
    throw new Error(`ISC answered the request for account ${accountId} with ${came}; nothing was done. Refresh and try again.`);
  }
  return account;
}

/** One row's full account: read when first asked for, then kept; a failed read is not kept, so the next ask reads again. */
export class FullAccount {
  private reading: Promise<Account> | undefined;

  constructor(private readonly read: () => Promise<Account>) {}

  /** The kept account, or a read; `fresh` reads again. */
  get(fresh = false): Promise<Account> {
    if (this.reading && !fresh) return this.reading;
    const reading = this.read();
    this.reading = reading;
    reading.catch(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    return reading;
  }

  /** An account just read by id for this row (a refresh): kept, no read needed. */
  took(account: Account): void {
    this.reading = Promise.resolve(account);
  }
}

/** What a hovered row's tooltip adds: its full account, or why it could not be read (never stale or empty data). */
export async function tooltipDetail(full: FullAccount): Promise<TooltipDetail> {
  try {
    return { full: await full.get() };
  } catch (error) {
    return { unread: errorSummary(error) };
  }
}
