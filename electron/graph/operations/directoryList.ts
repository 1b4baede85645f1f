// A directory collection read to its end (users, groups, members), following @odata.nextLink
// (directory objects page with $skiptoken, 100 by default, at most 999) up to a limit.
import type { CallOptions, GraphClient, GraphRequestSpec } from '../client';
import { readPage, type PageResult } from '../collection';
import { directoryObjectShape, type DirectoryObject } from '../directoryObject';
import type { GraphFailure } from '../errors';

export type DirectoryListResult = { ok: true; entries: DirectoryObject[]; truncated: boolean } | { ok: false; failure: GraphFailure };

export async function readDirectoryList(client: GraphClient, first: GraphRequestSpec, limit: number, call: CallOptions = {}): Promise<DirectoryListResult> {
  const entries: DirectoryObject[] = [];
  let page: PageResult<DirectoryObject> = readPage(await client.send(first, call), directoryObjectShape, 'directory object');
  for (;;) {
    if (!page.ok) return page;
    entries.push(...page.page.items);
    if (entries.length >= limit) return { ok: true, entries: entries.slice(0, limit), truncated: true };
    if (page.page.nextLink === undefined) return { ok: true, entries, truncated: false };
    page = readPage(await client.followNextLink(page.page.nextLink, {}, call), directoryObjectShape, 'directory object');
  }
}
