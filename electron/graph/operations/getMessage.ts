// Get one message: GET {mailbox}/messages/{id} with $select and, when asked, the
// LastActiveParentEntryId expand (to check where a deleted item came from before moving it home)
// and PR_MESSAGE_SIZE's (a lookup by id answers the same row as the listing).
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { readEntity } from '../collection';
import type { GraphFailure } from '../errors';
import { messageExpand } from '../extendedProperties';
import { DEFAULT_MESSAGE_SELECT, messageShape, type GraphMessage } from '../message';
import { queryString, segment, selectClause } from '../odata';

export interface GetMessageOptions {
  select?: readonly string[];
  withLastActiveParent?: boolean;
  withSize?: boolean;
}

export function getMessageRequest(user: string | undefined, id: string, options: GetMessageOptions = {}): GraphRequestSpec {
  const params: Array<[string, string]> = [['$select', selectClause(options.select ?? DEFAULT_MESSAGE_SELECT)]];
  const expand = messageExpand(options);
  if (expand !== undefined) params.push(['$expand', expand]);
  return { method: 'GET', path: `${mailboxPath(user)}/messages/${segment(id)}${queryString(params)}` };
}

export async function getMessage(
  client: GraphClient,
  user: string | undefined,
  id: string,
  options: GetMessageOptions = {},
  call: CallOptions = {},
): Promise<{ ok: true; message: GraphMessage } | { ok: false; failure: GraphFailure }> {
  const read = readEntity(await client.send(getMessageRequest(user, id, options), call), messageShape, 'message');
  return read.ok ? { ok: true, message: read.value } : read;
}
