// Every member of a group through all nesting: GET /groups/{id}/transitiveMembers
// (group-list-transitivemembers: "returns a flat list of all nested members"; GroupMember.Read.All).
// Nested groups come in the list as members themselves, with their members beside them.
import type { CallOptions, GraphClient, GraphRequestSpec } from '../client';
import { queryString, segment } from '../odata';
import { readDirectoryList, type DirectoryListResult } from './directoryList';
import { DIRECTORY_SELECT } from './getUser';

/** A page of members: the most Graph gives for directory objects. */
const MEMBER_PAGE = 999;

export function transitiveMembersRequest(groupId: string): GraphRequestSpec {
  return {
    method: 'GET',
    path: `/groups/${segment(groupId)}/transitiveMembers${queryString([
      ['$select', DIRECTORY_SELECT],
      ['$top', String(MEMBER_PAGE)],
    ])}`,
  };
}

export function transitiveMembers(client: GraphClient, groupId: string, limit: number, call: CallOptions = {}): Promise<DirectoryListResult> {
  return readDirectoryList(client, transitiveMembersRequest(groupId), limit, call);
}
