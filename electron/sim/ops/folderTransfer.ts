// What MoveFolder (moveFolder.ts) and CopyFolder (copyFolder.ts) share: the request shape
// (BaseMoveCopyFolderType: ToFolderId, FolderIds), the refusals that do not depend on moving, the
// answer's folder payload, and copying a subtree (a cross-mailbox move, where the switch allows it,
// arrives as a copy). Apart from both so that neither operation imports the other.
import type { RequestContext } from '../context';
import { itemError, type ItemError } from '../errors';
import { folderKind, type Folder } from '../model';
import { NS_MESSAGES } from '../namespaces';
import { requireChild, type XNode } from '../xmlRead';
import { checkFolderIdSyntax, nonEmptyArray, resolveTarget, singleFolderRef } from './operation';

export interface FolderTransfer {
  destination: Folder | ItemError;
  sources: XNode[];
}

/** Reads m:ToFolderId and m:FolderIds (BaseMoveCopyFolderType), checking every id's syntax first. */
export function readFolderTransfer(ctx: RequestContext, request: XNode): FolderTransfer {
  const targetRef = singleFolderRef(requireChild(request, NS_MESSAGES, 'ToFolderId'));
  const sources = nonEmptyArray(request, 'FolderIds');
  checkFolderIdSyntax(sources);
  return { destination: resolveTarget(ctx, targetRef, 'ErrorToFolderNotFound'), sources };
}

/** What refuses putting `folder` (or a copy of it) under `destination`, whether moved or copied. */
export function transferRefusal(ctx: RequestContext, folder: Folder, destination: Folder, operation: 'move' | 'copy'): ItemError | undefined {
  if (folder.mailbox !== destination.mailbox && ctx.sim.switches.crossMailboxFolderMoveCopy === 'ErrorCrossMailboxMoveCopy') {
    return itemError('ErrorCrossMailboxMoveCopy');
  }
  if (ctx.store.isWithin(destination, folder)) return itemError('ErrorMoveCopyFailed', 'The destination is inside the folder.');
  const name = folder.displayName.toLowerCase();
  // A move back into its own parent meets only itself; a copy there meets the original.
  if (destination.children.some((c) => (operation === 'copy' || c !== folder) && c.displayName.toLowerCase() === name)) return itemError('ErrorFolderExists');
  return undefined;
}

/** The payload naming a folder by id and ChangeKey, in its own element kind. */
export function folderPayload(ctx: RequestContext, folder: Folder): string {
  const kind = folderKind(folder);
  return `<m:Folders><t:${kind}><t:FolderId Id="${ctx.store.folderId(folder)}" ChangeKey="${ctx.store.folderChangeKey(folder)}"/></t:${kind}></m:Folders>`;
}

/** Copies `folder` and everything below it under `destination`; returns the new top folder. */
export function copyFolderTree(ctx: RequestContext, folder: Folder, destination: Folder): Folder {
  const copy = ctx.store.createFolder(destination, folder.displayName, folder.folderClass, folder.isSearchFolder);
  for (const item of folder.contents.all()) ctx.store.copyItem(item, copy);
  // The folder's FAI items (rules, views, configuration) belong to it and are copied too.
  for (const item of folder.associated.all()) ctx.store.copyItem(item, copy);
  for (const sub of [...folder.children]) copyFolderTree(ctx, sub, copy);
  return copy;
}
