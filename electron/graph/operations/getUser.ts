// Get one user: GET /users/{id | userPrincipalName} (user-get). A mailbox address typed by the
// admin is tried as the user principal name; 404 Request_ResourceNotFound means no such user.
import type { CallOptions, GraphClient, GraphRequestSpec } from '../client';
import { readEntity } from '../collection';
import { directoryObjectShape, type DirectoryObject } from '../directoryObject';
import type { GraphFailure } from '../errors';
import { queryString, segment } from '../odata';

export const DIRECTORY_SELECT = 'id,displayName,mail,userPrincipalName';

export function getUserRequest(id: string): GraphRequestSpec {
  return { method: 'GET', path: `/users/${segment(id)}${queryString([['$select', DIRECTORY_SELECT]])}` };
}

export async function getUser(
  client: GraphClient,
  id: string,
  call: CallOptions = {},
): Promise<{ ok: true; user: DirectoryObject } | { ok: false; failure: GraphFailure }> {
  const read = readEntity(await client.send(getUserRequest(id), call), directoryObjectShape, 'user');
  return read.ok ? { ok: true, user: read.value } : read;
}
