// The folder tree of a mailbox over Graph, flat, as the app's tree shows it: the visible subtree
// (mailFolders and childFolders, hidden ones included, with PR_SOURCE_KEY), its well-known folders
// named (one $batch asks for every Graph well-known name at once), and Recoverable Items: the
// Deletions folder Graph names (recoverableitemsdeletions), its parent the dumpster root when Graph
// lets it be read, and Versions, Purges and DiscoveryHolds, which Graph cannot reach, as rows
// flagged "EWS only" instead of being left out.
import type { GraphClient } from '../../graph/client';
import { readEntity } from '../../graph/collection';
import { describeFailure } from '../../graph/errors';
import { folderShape, type GraphFolder } from '../../graph/folder';
import { getFolderRequest } from '../../graph/operations/getFolder';
import { listFolderTree } from '../../graph/operations/listFolders';
import { GRAPH_WELL_KNOWN_FOLDERS } from '../../graph/wellKnown';
import type { FolderInfo } from '../../../shared/domain';
import { sendBatch } from './batching';
import type { MailboxLane } from './lane';
import { toFolderInfo } from './rows';

/** Why Graph shows a dumpster folder it cannot open. */
export const EWS_ONLY_REASON = 'EWS only: Microsoft Graph cannot open this folder; connect over EWS to see or recover its items.';

/** Dumpster folders Graph cannot reach, with the names Exchange gives them. */
const EWS_ONLY_ROWS: ReadonlyArray<{ name: string; displayName: string }> = [
  { name: 'recoverableitemsversions', displayName: 'Versions' },
  { name: 'recoverableitemspurges', displayName: 'Purges' },
  { name: 'recoverableitemsdiscoveryholds', displayName: 'DiscoveryHolds' },
];

/** The id of a row standing for a folder this connection cannot open (never sent to Graph). */
export function unavailableFolderId(name: string): string {
  return `ews-only:${name}`;
}

export interface TreeSource {
  client: GraphClient;
  lane: MailboxLane;
  user: string | undefined;
}

/** Every Graph well-known folder of the mailbox by id (names without a folder, e.g. clutter, are left out). */
export async function wellKnownFolders(source: TreeSource, signal: AbortSignal): Promise<Map<string, { name: string; folder: GraphFolder }>> {
  const specs = GRAPH_WELL_KNOWN_FOLDERS.map((name) => getFolderRequest(source.user, name, true));
  const results = await sendBatch(source, specs, signal);
  const byId = new Map<string, { name: string; folder: GraphFolder }>();
  results.forEach((r, i) => {
    const read = readEntity(r, folderShape, 'folder');
    const name = GRAPH_WELL_KNOWN_FOLDERS[i];
    if (read.ok && name !== undefined) byId.set(read.value.id, { name, folder: read.value });
  });
  return byId;
}

export async function folderTree(source: TreeSource, signal: AbortSignal): Promise<FolderInfo[]> {
  const known = await wellKnownFolders(source, signal);
  const tree = await source.lane.run(1, signal, () => listFolderTree(source.client, source.user, { withSourceKey: true, includeHidden: true }, { signal }));
  if (!tree.ok) throw new Error(`Microsoft Graph could not list the folders (${describeFailure(tree.failure)}).`);
  const out = tree.folders.map((f) => toFolderInfo(f, 'primary', 'ipm', known.get(f.id)?.name));
  const deletions = [...known.values()].find((k) => k.name === 'recoverableitemsdeletions')?.folder;
  out.push(...(await dumpsterRows(source, deletions, signal)));
  return out;
}

async function dumpsterRows(source: TreeSource, deletions: GraphFolder | undefined, signal: AbortSignal): Promise<FolderInfo[]> {
  const rows: FolderInfo[] = [];
  let rootId = unavailableFolderId('recoverableitemsroot');
  let root: GraphFolder | undefined;
  if (deletions?.parentFolderId) {
    // Graph has no name for the dumpster root; whether it answers for its id is not documented.
    const parentId = deletions.parentFolderId;
    const r = await source.lane.run(1, signal, () => source.client.send(getFolderRequest(source.user, parentId, true), { signal }));
    const read = readEntity(r, folderShape, 'folder');
    if (read.ok) root = read.value;
  }
  if (root) {
    rootId = root.id;
    rows.push(toFolderInfo(root, 'primary', 'recoverable', 'recoverableitemsroot'));
  } else {
    rows.push({
      id: rootId,
      displayName: 'Recoverable Items',
      totalCount: 0,
      childFolderCount: EWS_ONLY_ROWS.length + (deletions ? 1 : 0),
      part: 'primary',
      area: 'recoverable',
      distinguishedId: 'recoverableitemsroot',
      unavailableReason: EWS_ONLY_REASON,
    });
  }
  if (deletions) rows.push({ ...toFolderInfo(deletions, 'primary', 'recoverable', 'recoverableitemsdeletions'), parentId: rootId });
  for (const { name, displayName } of EWS_ONLY_ROWS) {
    rows.push({
      id: unavailableFolderId(name),
      parentId: rootId,
      displayName,
      totalCount: 0,
      childFolderCount: 0,
      part: 'primary',
      area: 'recoverable',
      distinguishedId: name,
      unavailableReason: EWS_ONLY_REASON,
    });
  }
  return rows;
}
