// Copy a message: POST {mailbox}/messages/{id}/copy {"destinationId"} → 201 with the new copy
// (Graph message: copy).
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { segment } from '../odata';
import { readCreatedItem, type ItemActionResult } from './itemAction';

export function copyRequest(user: string | undefined, id: string, destinationId: string): GraphRequestSpec {
  if (destinationId === '') throw new RangeError('A copy needs a destination.');
  return { method: 'POST', path: `${mailboxPath(user)}/messages/${segment(id)}/copy`, body: { destinationId } };
}

export const readCopy = readCreatedItem;

export async function copyMessage(
  client: GraphClient,
  user: string | undefined,
  id: string,
  destinationId: string,
  call: CallOptions = {},
): Promise<ItemActionResult> {
  return readCopy(await client.send(copyRequest(user, id, destinationId), call));
}
