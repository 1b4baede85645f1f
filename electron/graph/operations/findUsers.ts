// Users whose display name or address starts with what the admin typed: GET /users?$filter=
// startswith(displayName,'…') or startswith(mail,'…') (user-list). startswith on displayName and
// mail is among the filters Graph runs without advanced query parameters (aad-advanced-queries:
// the "default" column), so no ConsistencyLevel header and no $count are needed; $search would
// need both.
import type { CallOptions, GraphClient, GraphRequestSpec } from '../client';
import { or, queryString, startsWith } from '../odata';
import { readDirectoryList, type DirectoryListResult } from './directoryList';
import { DIRECTORY_SELECT } from './getUser';

export function findUsersRequest(prefix: string, top: number): GraphRequestSpec {
  const filter = or(startsWith('displayName', prefix), startsWith('mail', prefix));
  return {
    method: 'GET',
    path: `/users${queryString([
      ['$filter', filter.odata],
      ['$select', DIRECTORY_SELECT],
      ['$top', String(top)],
    ])}`,
  };
}

export function findUsers(client: GraphClient, prefix: string, limit: number, call: CallOptions = {}): Promise<DirectoryListResult> {
  return readDirectoryList(client, findUsersRequest(prefix, Math.min(999, limit)), limit, call);
}
