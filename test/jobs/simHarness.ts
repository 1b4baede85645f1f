// The simulator over real HTTP and the engine's EWS backend pointed at it, for integration,
// soak, crash and cancel tests and the benchmarks.
import type { ItemResult, JobBackend } from '../../electron/jobs/backend';
import { EwsJobBackend } from '../../electron/backends/ews/jobBackend';
import { BasicAuth, EwsClient } from '../../electron/ews';
import { DEMO_ADMIN, DEMO_PASSWORD, type RunningSimulator } from '../../electron/sim';
import type { MailboxRef } from '../../shared/domain';

export function ewsBackend(url: string, mailbox: MailboxRef): { backend: EwsJobBackend; client: EwsClient } {
  const client = new EwsClient({
    url,
    auth: new BasicAuth(DEMO_ADMIN, DEMO_PASSWORD),
    ...(mailbox.smtp ? { impersonate: mailbox.smtp } : {}),
    maxSockets: 32,
  });
  return { backend: new EwsJobBackend(client, mailbox), client };
}

/**
 * Wraps a backend to record every transfer the server confirmed, so a test can prove that no item
 * was moved or copied twice (a moved item's old id dies, so moving it again would need its new id).
 */
export class RecordingBackend implements JobBackend {
  readonly okMoves = new Map<string, number>();
  readonly okCopies = new Map<string, number>();
  readonly newIds = new Set<string>();
  readonly movedNewIds: string[] = [];

  constructor(private readonly inner: JobBackend) {}

  listItems: JobBackend['listItems'] = (req, signal) => this.inner.listItems(req, signal);
  getItems: JobBackend['getItems'] = (ids, signal) => this.inner.getItems(ids, signal);
  deleteItems: JobBackend['deleteItems'] = (ids, mode, signal) => this.inner.deleteItems(ids, mode, signal);
  emptyFolder: JobBackend['emptyFolder'] = (f, mode, sub, signal) => this.inner.emptyFolder(f, mode, sub, signal);
  getFolder: JobBackend['getFolder'] = (id, signal) => this.inner.getFolder(id, signal);
  listFoldersWithSourceKeys: JobBackend['listFoldersWithSourceKeys'] = (signal) => this.inner.listFoldersWithSourceKeys(signal);
  createFolder: JobBackend['createFolder'] = (parent, name, signal) => this.inner.createFolder(parent, name, signal);
  moveFolder: JobBackend['moveFolder'] = (folder, to, signal) => this.inner.moveFolder(folder, to, signal);

  moveItems: JobBackend['moveItems'] = async (ids, to, signal) => {
    for (const id of ids) if (this.newIds.has(id)) this.movedNewIds.push(id);
    return this.note(ids, await this.inner.moveItems(ids, to, signal), this.okMoves);
  };

  copyItems: JobBackend['copyItems'] = async (ids, to, signal) => this.note(ids, await this.inner.copyItems(ids, to, signal), this.okCopies);

  private note(ids: readonly string[], results: ItemResult[], into: Map<string, number>): ItemResult[] {
    results.forEach((r, i) => {
      const id = ids[i];
      if (r.status !== 'ok' || id === undefined) return;
      into.set(id, (into.get(id) ?? 0) + 1);
      if (r.newId) this.newIds.add(r.newId);
    });
    return results;
  }
}

/** Where each item is now, by subject (subjects are unique per test item): subject → folder ids. */
export function locateBySubject(sim: RunningSimulator, user: string, prefix: string): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const part of ['primary', 'archive'] as const) {
    const folders = [...sim.store.allFolders(user, part)];
    for (const f of folders) {
      for (const it of sim.store.folderItems(f.id)) {
        if (!it.subject.startsWith(prefix)) continue;
        const list = where.get(it.subject);
        if (list) list.push(f.id);
        else where.set(it.subject, [f.id]);
      }
    }
  }
  return where;
}
