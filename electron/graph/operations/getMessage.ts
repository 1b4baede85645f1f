// Get one message: GET {mailbox}/messages/{id} with $select and, when asked, the
// LastActiveParentEntryId expand (to check where a deleted item came from before moving it home).
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { readEntity } from '../collection';
import type { GraphFailure } from '../errors';
import { expandExtendedProperties, LAST_ACTIVE_PARENT_ENTRY_ID } from '../extendedProperties';
import { DEFAULT_MESSAGE_SELECT, messageShape, type GraphMessage } from '../message';
import { queryString, segment, selectClause } from '../odata';

export interface GetMessageOptions {
  select?: readonly string[];
  withLastActiveParent?: boolean;
}

export function getMessageRequest(user: string | undefined, id: string, options: GetMessageOptions = {}): GraphRequestSpec {
  const params: Array<[string, string]> = [['$select', selectClause(options.select ?? DEFAULT_MESSAGE_SELECT)]];
  if (options.withLastActiveParent) params.push(['$expand', expandExtendedProperties([LAST_ACTIVE_PARENT_ENTRY_ID])]);
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
