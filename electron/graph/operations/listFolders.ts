// List mail folders: GET {mailbox}/mailFolders (top level, under msgfolderroot) or
// {mailbox}/mailFolders/{id}/childFolders, with includeHiddenFolders=true (hidden folders hold
// mail an admin must see too) and, when asked, each folder's PR_SOURCE_KEY expanded.
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { readPage, type PageResult } from '../collection';
import type { GraphFailure } from '../errors';
import { expandExtendedProperties, PR_SOURCE_KEY } from '../extendedProperties';
import { folderShape, type GraphFolder } from '../folder';
import { queryString, segment } from '../odata';

export interface ListFoldersOptions {
  /** Folder id or well-known name whose children to list; absent = the top level. */
  parent?: string;
  includeHidden?: boolean;
  withSourceKey?: boolean;
  /** Page size; Graph's default for mailFolders is 10, so ask for more. */
  top?: number;
}

export function listFoldersRequest(user: string | undefined, options: ListFoldersOptions = {}): GraphRequestSpec {
  const base = `${mailboxPath(user)}/mailFolders${options.parent !== undefined ? `/${segment(options.parent)}/childFolders` : ''}`;
  const params: Array<[string, string]> = [];
  if (options.includeHidden ?? true) params.push(['includeHiddenFolders', 'true']);
  params.push(['$top', String(options.top ?? 250)]);
  if (options.withSourceKey ?? true) params.push(['$expand', expandExtendedProperties([PR_SOURCE_KEY])]);
  return { method: 'GET', path: `${base}${queryString(params)}` };
}

export type FoldersResult = { ok: true; folders: GraphFolder[] } | { ok: false; failure: GraphFailure };

/** Every folder of one level, following nextLink to the end. */
export async function listFolders(
  client: GraphClient,
  user: string | undefined,
  options: ListFoldersOptions = {},
  call: CallOptions = {},
): Promise<FoldersResult> {
  const folders: GraphFolder[] = [];
  let page: PageResult<GraphFolder> = readPage(await client.send(listFoldersRequest(user, options), call), folderShape, 'folder');
  for (;;) {
    if (!page.ok) return page;
    folders.push(...page.page.items);
    if (page.page.nextLink === undefined) return { ok: true, folders };
    page = readPage(await client.followNextLink(page.page.nextLink, {}, call), folderShape, 'folder');
  }
}

/** The whole tree under the top level, breadth first, descending only where childFolderCount says so. */
export async function listFolderTree(
  client: GraphClient,
  user: string | undefined,
  options: Omit<ListFoldersOptions, 'parent'> = {},
  call: CallOptions = {},
): Promise<FoldersResult> {
  const top = await listFolders(client, user, options, call);
  if (!top.ok) return top;
  const all = [...top.folders];
  const queue = top.folders.filter((f) => f.childFolderCount > 0);
  while (queue.length > 0) {
    const parent = queue.shift() as GraphFolder;
    const children = await listFolders(client, user, { ...options, parent: parent.id }, call);
    if (!children.ok) return children;
    all.push(...children.folders);
    queue.push(...children.folders.filter((f) => f.childFolderCount > 0));
  }
  return { ok: true, folders: all };
}
