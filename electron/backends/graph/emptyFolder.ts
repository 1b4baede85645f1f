// Emptying a folder over Graph. Graph has no EmptyFolder (EWS's one-call server-side empty), so
// this lists the folder's message ids a page at a time and deletes them in JSON batches with the
// chosen strength, until a listing comes back empty; with deleteSubFolders, each child folder is
// then deleted (DELETE: into Recoverable Items; HardDelete: permanentDelete). The answer is one
// value for the whole folder, as EWS gives: ok, or the first reason it could not be finished.
// Deleting is safe to repeat, so a call cut short (the engine's deadline) is simply sent again and
// carries on with what is left.
import type { GraphRequestSpec, GraphResult } from '../../graph/client';
import { readPage } from '../../graph/collection';
import { messageShape } from '../../graph/message';
import { deleteRequest } from '../../graph/operations/delete';
import { readCreatedItem, readNoContent, type ItemActionResult } from '../../graph/operations/itemAction';
import { listFolders } from '../../graph/operations/listFolders';
import { listMessagesRequest, MAX_MESSAGE_PAGE } from '../../graph/operations/listMessages';
import { permanentDeleteRequest } from '../../graph/operations/permanentDelete';
import { softDeleteRequest } from '../../graph/operations/softDelete';
import { BackendRequestError, type ItemResult } from '../../jobs/backend';
import type { DeleteMode } from '../../../shared/domain';
import { sendAll, unsentResult, type BatchTarget } from './batching';
import { itemFailure, notSent, toRequestError } from './errors';
import { deleteFolderRequest } from './folderWrites';

export interface EmptyTarget extends BatchTarget {
  user: string | undefined;
}

const REQUESTS: Record<DeleteMode, { request: (user: string | undefined, id: string) => GraphRequestSpec; read: (r: GraphResult) => ItemActionResult }> = {
  MoveToDeletedItems: { request: deleteRequest, read: readNoContent },
  SoftDelete: { request: softDeleteRequest, read: readCreatedItem },
  HardDelete: { request: permanentDeleteRequest, read: readNoContent },
};

function toResult(r: ItemActionResult): ItemResult {
  return r.ok ? { status: 'ok' } : itemFailure(r.failure);
}

async function laned<T>(target: EmptyTarget, signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  try {
    return await target.lane.run(1, signal, call);
  } catch (err) {
    throw notSent(err);
  }
}

/** Whether some of the folder was emptied: a sign-in lost after that is not "not attempted". */
interface Progress {
  acted: boolean;
}

/** The answer when nothing more could be sent (signed out) after part of the folder was emptied. */
function partlyEmptied(code: string, message: string): ItemResult {
  return { status: 'error', code, message: `Part of the folder was emptied, then nothing more could be sent: ${message}`, retryable: true };
}

export async function emptyFolderOverGraph(
  target: EmptyTarget,
  folder: string,
  mode: DeleteMode,
  deleteSubFolders: boolean,
  signal: AbortSignal,
): Promise<ItemResult> {
  const progress: Progress = { acted: false };
  try {
    const r = await emptyAll(target, folder, mode, deleteSubFolders, signal, progress);
    return r.status === 'notSent' && progress.acted ? partlyEmptied(r.code, r.message) : r;
  } catch (err) {
    if (err instanceof BackendRequestError && err.neverSent && progress.acted) return partlyEmptied(err.code, err.message);
    throw err;
  }
}

async function emptyAll(
  target: EmptyTarget,
  folder: string,
  mode: DeleteMode,
  deleteSubFolders: boolean,
  signal: AbortSignal,
  progress: Progress,
): Promise<ItemResult> {
  const { request, read } = REQUESTS[mode];
  for (;;) {
    const spec = listMessagesRequest(target.user, { folder, top: MAX_MESSAGE_PAGE, select: ['id'] });
    const page = readPage(await laned(target, signal, () => target.client.send(spec, { signal })), messageShape, 'message');
    if (!page.ok) throw toRequestError(page.failure);
    const ids = page.page.items.map((m) => m.id);
    if (ids.length === 0) break;
    const results = await sendAll(
      target,
      ids.map((id) => request(target.user, id)),
      (r) => toResult(read(r)),
      unsentResult,
      signal,
    );
    // Throttled: the engine waits out the back-off and sends the empty again, which carries on.
    const busy = results.find((r) => r.status === 'retry');
    if (busy) return busy;
    // Items that stay (refused) would come back in every listing: report the first refusal and stop.
    const progressed = results.some((r) => r.status === 'ok' || r.status === 'notFound');
    if (progressed) progress.acted = true;
    const unsent = results.find((r) => r.status === 'notSent');
    if (unsent) return unsent;
    const refused = results.find((r) => r.status === 'error');
    if (refused && !progressed) return refused;
    if (refused && ids.length < MAX_MESSAGE_PAGE) return refused;
  }
  if (deleteSubFolders) {
    const children = await laned(target, signal, () => listFolders(target.client, target.user, { parent: folder, withSourceKey: false }, { signal }));
    if (!children.ok) throw toRequestError(children.failure);
    for (const child of children.folders) {
      const r = await laned(target, signal, () => target.client.send(deleteFolderRequest(target.user, child.id, mode === 'HardDelete'), { signal }));
      const result = toResult(readNoContent(r));
      if (result.status !== 'ok' && result.status !== 'notFound') return result;
      progress.acted = true;
    }
  }
  return { status: 'ok' };
}
