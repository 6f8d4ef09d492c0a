// The one way the full account (attributes and all) is read for a row or a command given an
// account: GET /accounts/{id}, refusing an answer about another account. Named, confirmed,
// shown or changed as this one, another account would mislead. No vscode here.
import type { IscApi } from '../isc/api';
import type { Account } from '../isc/models';

export async function readFullAccount(client: Pick<IscApi, 'getAccount'>, accountId: string, signal?: AbortSignal): Promise<Account> {
  const account = await client.getAccount(accountId, { signal });
  if (account.id !== accountId) {
    const came = account.id ? `account ${account.id}${account.name ? ` ("${account.name}")` : ''}` : 'an account without an id';
    throw new Error(`ISC answered the request for account ${accountId} with ${came}; nothing was done. Refresh and try again.`);
  }
  return account;
}
