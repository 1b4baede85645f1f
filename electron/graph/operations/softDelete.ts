// Soft delete: Graph has no SoftDelete strength, so the EWS SoftDelete (to the dumpster's
// Deletions folder) is a move to the well-known folder recoverableitemsdeletions. Like any
// move it gives the item a new id, which the caller keeps for a later recover.
import type { CallOptions, GraphClient, GraphRequestSpec } from '../client';
import type { ItemActionResult } from './itemAction';
import { moveMessage, moveRequest, readMove } from './move';

export const SOFT_DELETE_FOLDER = 'recoverableitemsdeletions';

export function softDeleteRequest(user: string | undefined, id: string): GraphRequestSpec {
  return moveRequest(user, id, SOFT_DELETE_FOLDER);
}

export const readSoftDelete = readMove;

export function softDeleteMessage(client: GraphClient, user: string | undefined, id: string, call: CallOptions = {}): Promise<ItemActionResult> {
  return moveMessage(client, user, id, SOFT_DELETE_FOLDER, call);
}
