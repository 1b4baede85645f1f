// Get one mail folder by id or well-known name: GET {mailbox}/mailFolders/{id}. The dumpster's
// recoverableitemsdeletions is not a child of msgfolderroot, so the tree asks for it by name.
import { mailboxPath, type CallOptions, type GraphClient, type GraphRequestSpec } from '../client';
import { readEntity } from '../collection';
import type { GraphFailure } from '../errors';
import { expandExtendedProperties, PR_SOURCE_KEY } from '../extendedProperties';
import { folderShape, type GraphFolder } from '../folder';
import { queryString, segment } from '../odata';

export function getFolderRequest(user: string | undefined, folder: string, withSourceKey = true): GraphRequestSpec {
  const params: Array<[string, string]> = withSourceKey ? [['$expand', expandExtendedProperties([PR_SOURCE_KEY])]] : [];
  return { method: 'GET', path: `${mailboxPath(user)}/mailFolders/${segment(folder)}${queryString(params)}` };
}

export async function getFolder(
  client: GraphClient,
  user: string | undefined,
  folder: string,
  withSourceKey = true,
  call: CallOptions = {},
): Promise<{ ok: true; folder: GraphFolder } | { ok: false; failure: GraphFailure }> {
  const read = readEntity(await client.send(getFolderRequest(user, folder, withSourceKey), call), folderShape, 'folder');
  return read.ok ? { ok: true, folder: read.value } : read;
}
