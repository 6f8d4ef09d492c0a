// Fetches what the editor shows: the account, and its source to learn whether attributes
// may be changed (ISC takes attribute patches and PUT only on flat-file accounts).
import type { IscApi } from '../isc/api';
import { IscError } from '../isc/errors';
import { FLAT_FILE_SOURCE_TYPE, type Account } from '../isc/models';
import { isFlatFileSource } from '../isc/source-kind';
import { errorInfo } from '../ui/error-text';
import type { LoadedAccount } from './shared/protocol';

export function accountTitle(account: Pick<LoadedAccount, 'name' | 'sourceName'>): string {
  return account.sourceName ? `✎ ${account.name} (${account.sourceName})` : `✎ ${account.name}`;
}

export async function fetchEditableAccount(client: IscApi, accountId: string, signal?: AbortSignal): Promise<LoadedAccount> {
  const account = await client.getAccount(accountId, { signal });
  if (account.id !== accountId) {
    // Apply sends to the loaded account's id: a tab must never end up editing another account.
    throw new IscError({
      kind: 'invalid-response',
      message: `ISC answered the request for account ${accountId} with account ${JSON.stringify(account.id ?? null)}; the editor does not edit an account it did not ask for.`,
    });
  }
  let readOnlyReason: string | null;
  try {
    const source = await client.getSource(account.sourceId, { signal });
    readOnlyReason = isFlatFileSource(source)
      ? null
      : `Attributes of this ${source.type ?? source.connector} account come from its source; ISC changes attributes only on flat-file (${FLAT_FILE_SOURCE_TYPE}) accounts. Correlation can still be changed.`;
  } catch (error) {
    if (signal?.aborted) throw error;
    readOnlyReason = `Could not check the account's source (${errorInfo(error).message}), so attributes are read-only. Correlation can still be changed.`;
  }
  return toLoadedAccount(account, readOnlyReason);
}

export function toLoadedAccount(account: Account, readOnlyReason: string | null): LoadedAccount {
  return {
    id: account.id ?? '',
    name: account.name ?? account.nativeIdentity,
    sourceId: account.sourceId,
    sourceName: account.sourceName ?? '',
    modified: account.modified ?? null,
    attributes: account.attributes ?? {},
    identityId: account.identityId ?? account.identity?.id ?? null,
    manuallyCorrelated: account.manuallyCorrelated,
    readOnlyReason,
  };
}
