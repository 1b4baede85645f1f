// Folder writes the engine needs that electron/graph has no operation for yet (each as Graph's
// mailFolder reference gives it): create a child folder (POST mailFolders/{parent}/childFolders
// {displayName} → 201 mailFolder; a name already used under that parent → 409
// ErrorFolderExists), move a folder (POST mailFolders/{id}/move {destinationId} → the folder),
// and delete one (DELETE mailFolders/{id} → 204, into Recoverable Items Deletions; POST
// mailFolders/{id}/permanentDelete → 204, gone). The Graph simulator does not model these.
import { mailboxPath, type GraphRequestSpec } from '../../graph/client';
import { segment } from '../../graph/odata';

export function createChildFolderRequest(user: string | undefined, parent: string, displayName: string): GraphRequestSpec {
  if (displayName.trim() === '') throw new RangeError('A folder needs a name.');
  return { method: 'POST', path: `${mailboxPath(user)}/mailFolders/${segment(parent)}/childFolders`, body: { displayName } };
}

export function moveFolderRequest(user: string | undefined, folder: string, destinationId: string): GraphRequestSpec {
  return { method: 'POST', path: `${mailboxPath(user)}/mailFolders/${segment(folder)}/move`, body: { destinationId } };
}

export function deleteFolderRequest(user: string | undefined, folder: string, permanently: boolean): GraphRequestSpec {
  const path = `${mailboxPath(user)}/mailFolders/${segment(folder)}`;
  return permanently ? { method: 'POST', path: `${path}/permanentDelete` } : { method: 'DELETE', path };
}
