// Move a message: POST {mailbox}/messages/{id}/move {"destinationId"} → 201 with the message,
// which has a new id in its new folder (Graph message: move). destinationId takes a folder id
// or a well-known name.
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { segment } from '../odata';
import { readCreatedItem, type ItemActionResult } from './itemAction';

export function moveRequest(user: string | undefined, id: string, destinationId: string): GraphRequestSpec {
  if (destinationId === '') throw new RangeError('A move needs a destination.');
  return { method: 'POST', path: `${mailboxPath(user)}/messages/${segment(id)}/move`, body: { destinationId } };
}

export const readMove = readCreatedItem;

export async function moveMessage(
  client: GraphClient,
  user: string | undefined,
  id: string,
  destinationId: string,
  call: CallOptions = {},
): Promise<ItemActionResult> {
  return readMove(await client.send(moveRequest(user, id, destinationId), call));
}
