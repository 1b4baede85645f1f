// Delete a message: DELETE {mailbox}/messages/{id} → 204. In Exchange Online this moves the
// item to Deleted Items (the EWS MoveToDeletedItems strength), not to the dumpster.
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { segment } from '../odata';
import { readNoContent, type ItemActionResult } from './itemAction';

export function deleteRequest(user: string | undefined, id: string): GraphRequestSpec {
  return { method: 'DELETE', path: `${mailboxPath(user)}/messages/${segment(id)}` };
}

export const readDelete = readNoContent;

export async function deleteMessage(client: GraphClient, user: string | undefined, id: string, call: CallOptions = {}): Promise<ItemActionResult> {
  return readDelete(await client.send(deleteRequest(user, id), call));
}
