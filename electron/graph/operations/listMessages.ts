// List a folder's messages: GET {mailbox}/mailFolders/{id}/messages with $top (1–1000, Graph's
// maximum page for messages), $select, $filter, $orderby, $count and the expand of
// LastActiveParentEntryId and PR_MESSAGE_SIZE; further pages only through @odata.nextLink. $count=true goes with
// ConsistencyLevel: eventual, sent again on every next page.
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { readPage, type PageResult } from '../collection';
import { messageExpand } from '../extendedProperties';
import { DEFAULT_MESSAGE_SELECT, messageShape, type GraphMessage } from '../message';
import { orderByClause, queryString, segment, selectClause, type Filter, type OrderBy } from '../odata';

export const MAX_MESSAGE_PAGE = 1000;

export interface ListMessagesOptions {
  folder: string;
  top?: number;
  select?: readonly string[];
  filter?: Filter;
  orderBy?: readonly OrderBy[];
  count?: boolean;
  withLastActiveParent?: boolean;
  /** PR_MESSAGE_SIZE, the item's size in bytes. */
  withSize?: boolean;
}

const COUNT_HEADERS = { ConsistencyLevel: 'eventual' };

export function listMessagesRequest(user: string | undefined, options: ListMessagesOptions): GraphRequestSpec {
  const top = options.top ?? MAX_MESSAGE_PAGE;
  if (!Number.isInteger(top) || top < 1 || top > MAX_MESSAGE_PAGE) throw new RangeError(`$top must be 1–${MAX_MESSAGE_PAGE}, not ${top}.`);
  const params: Array<[string, string]> = [
    ['$top', String(top)],
    ['$select', selectClause(options.select ?? DEFAULT_MESSAGE_SELECT)],
  ];
  if (options.filter) params.push(['$filter', options.filter.odata]);
  if (options.orderBy && options.orderBy.length > 0) params.push(['$orderby', orderByClause(options.orderBy)]);
  if (options.count) params.push(['$count', 'true']);
  const expand = messageExpand(options);
  if (expand !== undefined) params.push(['$expand', expand]);
  return {
    method: 'GET',
    path: `${mailboxPath(user)}/mailFolders/${segment(options.folder)}/messages${queryString(params)}`,
    ...(options.count ? { headers: { ...COUNT_HEADERS } } : {}),
  };
}

export async function listMessagesPage(
  client: GraphClient,
  user: string | undefined,
  options: ListMessagesOptions,
  call: CallOptions = {},
): Promise<PageResult<GraphMessage>> {
  return readPage(await client.send(listMessagesRequest(user, options), call), messageShape, 'message');
}

/** The page after one that carried `nextLink`; `counted` repeats the ConsistencyLevel header. */
export async function nextMessagesPage(client: GraphClient, nextLink: string, counted = false, call: CallOptions = {}): Promise<PageResult<GraphMessage>> {
  return readPage(await client.followNextLink(nextLink, counted ? { ...COUNT_HEADERS } : {}, call), messageShape, 'message');
}
