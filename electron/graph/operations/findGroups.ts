// Groups by address or by the start of their name: GET /groups?$filter=mail eq '…' (group-list;
// eq on mail runs without advanced query parameters), or startswith(displayName,'…') for type-ahead.
import type { CallOptions, GraphClient, GraphRequestSpec } from '../client';
import { compare, or, queryString, startsWith, type Filter } from '../odata';
import { readDirectoryList, type DirectoryListResult } from './directoryList';

const GROUP_SELECT = 'id,displayName,mail';

function groupsRequest(filter: Filter, top: number): GraphRequestSpec {
  return {
    method: 'GET',
    path: `/groups${queryString([
      ['$filter', filter.odata],
      ['$select', GROUP_SELECT],
      ['$top', String(top)],
    ])}`,
  };
}

export function groupByMailRequest(address: string): GraphRequestSpec {
  return groupsRequest(compare('mail', 'eq', address), 2);
}

export function findGroupsRequest(prefix: string, top: number): GraphRequestSpec {
  return groupsRequest(or(startsWith('displayName', prefix), startsWith('mail', prefix)), top);
}

/** The groups with this address (at most two are read: two mean the address is ambiguous). */
export function groupByMail(client: GraphClient, address: string, call: CallOptions = {}): Promise<DirectoryListResult> {
  return readDirectoryList(client, groupByMailRequest(address), 2, call);
}

export function findGroups(client: GraphClient, prefix: string, limit: number, call: CallOptions = {}): Promise<DirectoryListResult> {
  return readDirectoryList(client, findGroupsRequest(prefix, Math.min(999, limit)), limit, call);
}
