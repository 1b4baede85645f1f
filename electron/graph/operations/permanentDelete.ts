// Permanently delete a message: POST {mailbox}/messages/{id}/permanentDelete, no body → 204.
// The item goes to the dumpster's Purges folder (Graph message: permanentDelete), the EWS
// HardDelete strength; global service only, not the national clouds.
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { segment } from '../odata';
import { readNoContent, type ItemActionResult } from './itemAction';

export function permanentDeleteRequest(user: string | undefined, id: string): GraphRequestSpec {
  return { method: 'POST', path: `${mailboxPath(user)}/messages/${segment(id)}/permanentDelete` };
}

export const readPermanentDelete = readNoContent;

export async function permanentDeleteMessage(client: GraphClient, user: string | undefined, id: string, call: CallOptions = {}): Promise<ItemActionResult> {
  return readPermanentDelete(await client.send(permanentDeleteRequest(user, id), call));
}
