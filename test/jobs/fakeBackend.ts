// A scripted in-memory mailbox behind the JobBackend interface, for fast deterministic engine tests.
// It behaves like Exchange where the engine depends on it: moves and deletes give items new ids,
// deletes land in the folder their strength says, gone ids answer notFound, pages hold ≤ 1000 rows.
// Faults are scripted per request (busy, transient, lost answer, fatal) and per item.
import type { DeleteMode, FolderInfo, ItemFilter, ItemPage, ItemRow } from '../../shared/domain';
import {
  BackendRequestError,
  type CreateFolderResult,
  type FolderRef,
  type MoveFolderResult,
  type ItemLookup,
  type ItemResult,
  type JobBackend,
  type ListItemsRequest,
} from '../../electron/jobs/backend';

export interface FakeItem {
  id: string;
  folderId: string;
  subject: string;
  from: string;
  received: string;
  size: number;
  itemClass: string;
  lastActive?: string;
  /** Stable identity across moves, for assertions. */
  key: string;
}

export interface FakeFolder {
  id: string;
  displayName: string;
  parentId?: string;
  sourceKey: string;
}

export type MutatingOp = 'move' | 'copy' | 'delete' | 'emptyFolder';
export type Op = MutatingOp | 'list' | 'get' | 'folders' | 'getFolder' | 'createFolder' | 'moveFolder';

/** What to do with one request, decided before it runs. */
export type RequestFault =
  | { kind: 'busy'; backOffMs?: number }
  | { kind: 'transient'; code?: string }
  /** Carry the request out (then run `after`), and lose the answer. */
  | { kind: 'lost'; after?: () => void }
  /** `neverSent`: refused before it left (no access token). */
  | { kind: 'fatal'; code?: string; neverSent?: boolean }
  /** Never answer (until the signal aborts). */
  | { kind: 'hang' }
  /** The client stops waiting at once (a timeout) while the server goes on and applies it later. */
  | { kind: 'late'; applyAfterMs: number };

export interface RequestInfo {
  op: Op;
  ids: readonly string[];
  /** 1-based count of requests of this op so far. */
  n: number;
}

const BATCH_OPS: ReadonlySet<Op> = new Set<Op>(['move', 'copy', 'delete', 'emptyFolder']);

export class FakeBackend implements JobBackend {
  readonly folders = new Map<string, FakeFolder>();
  readonly items = new Map<string, FakeItem>();
  /** Every mutating call: op, ids, destination. */
  readonly calls: { op: MutatingOp; ids: string[]; dest?: string }[] = [];
  /** Moves and deletes actually applied, per item key. */
  readonly applied = new Map<string, number>();
  requestFault: (req: RequestInfo) => RequestFault | undefined = () => undefined;
  itemFault: (op: MutatingOp, item: FakeItem) => ItemResult | undefined = () => undefined;
  /** Per-item answers for GetItem lookups (undefined: found as usual). */
  lookupFault: (item: FakeItem) => Exclude<ItemLookup, { status: 'found' }> | undefined = () => undefined;
  latencyMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** The same for the requests that change the mailbox (move, copy, delete, emptyFolder): the job's batches. */
  maxBatchesInFlight = 0;
  private batchesInFlight = 0;
  private counter = 0;
  private readonly opCounts = new Map<Op, number>();

  constructor() {
    for (const [id, name] of [
      ['msgfolderroot', 'Top of Information Store'],
      ['inbox', 'Inbox'],
      ['deleteditems', 'Deleted Items'],
      ['recoverableitemsdeletions', 'Deletions'],
      ['recoverableitemspurges', 'Purges'],
    ] as const) {
      this.addFolder(id, name, id === 'msgfolderroot' || id.startsWith('recoverable') ? undefined : 'msgfolderroot');
    }
  }

  addFolder(id: string, displayName: string, parentId?: string): FakeFolder {
    const f: FakeFolder = { id, displayName, sourceKey: Buffer.from(`sk-${id}`).toString('base64'), ...(parentId ? { parentId } : {}) };
    this.folders.set(id, f);
    return f;
  }

  addItems(folderId: string, n: number, make: (i: number) => Partial<FakeItem> = () => ({})): FakeItem[] {
    const out: FakeItem[] = [];
    for (let i = 0; i < n; i++) {
      const key = `k${this.counter}`;
      const it: FakeItem = {
        id: this.newId(),
        folderId,
        subject: `Subject ${key}`,
        from: 'sender@example.com',
        received: new Date(Date.UTC(2024, 0, 1) + this.counter * 1000).toISOString(),
        size: 1000 + (this.counter % 100),
        itemClass: 'IPM.Note',
        key,
        ...make(i),
      };
      this.items.set(it.id, it);
      // A snapshot: the stored item changes id when moved; tests keep what was selected.
      out.push({ ...it });
    }
    return out;
  }

  byKey(key: string): FakeItem | undefined {
    for (const it of this.items.values()) if (it.key === key) return it;
    return undefined;
  }

  inFolder(folderId: string): FakeItem[] {
    return [...this.items.values()].filter((i) => i.folderId === folderId);
  }

  // ---- JobBackend ----------------------------------------------------------------------------

  async listItems(req: ListItemsRequest, signal: AbortSignal): Promise<ItemPage> {
    return this.request('list', [], signal, () => {
      if (!this.folders.has(req.folderId))
        throw new BackendRequestError({ kind: 'fatal', code: 'ErrorFolderNotFound', message: 'no such folder', mayHaveExecuted: false });
      const all = this.inFolder(req.folderId).filter((i) => matches(i, req.filter));
      // Newest first as Exchange sorts DateTimeReceived descending; ties keep insertion order (stable sort).
      if (req.order === 'receivedDesc') all.sort((x, y) => Date.parse(y.received) - Date.parse(x.received));
      const rows = all.slice(req.offset, req.offset + Math.min(req.max, 1000)).map(toRow);
      return { rows, offset: req.offset, total: all.length, last: req.offset + rows.length >= all.length };
    });
  }

  async getItems(ids: readonly string[], signal: AbortSignal): Promise<ItemLookup[]> {
    return this.request('get', ids, signal, () =>
      ids.map((id): ItemLookup => {
        const it = this.items.get(id);
        if (!it) return notFound();
        return this.lookupFault(it) ?? { status: 'found', row: toRow(it), parentFolderId: it.folderId };
      }),
    );
  }

  async moveItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]> {
    return this.mutate('move', ids, signal, toFolderId, (it) => {
      if (!this.folders.has(toFolderId)) return { status: 'error', code: 'ErrorToFolderNotFound', message: 'no destination', retryable: false };
      return { status: 'ok', newId: this.relocate(it, toFolderId) };
    });
  }

  async copyItems(ids: readonly string[], toFolderId: string, signal: AbortSignal): Promise<ItemResult[]> {
    return this.mutate('copy', ids, signal, toFolderId, (it) => {
      const copy: FakeItem = { ...it, id: this.newId(), folderId: toFolderId, key: `${it.key}-copy` };
      this.items.set(copy.id, copy);
      return { status: 'ok', newId: copy.id };
    });
  }

  async deleteItems(ids: readonly string[], mode: DeleteMode, signal: AbortSignal): Promise<ItemResult[]> {
    const dest = mode === 'MoveToDeletedItems' ? 'deleteditems' : mode === 'SoftDelete' ? 'recoverableitemsdeletions' : 'recoverableitemspurges';
    return this.mutate('delete', ids, signal, dest, (it) => {
      it.lastActive = this.folders.get(it.folderId)?.sourceKey;
      this.relocate(it, dest);
      return { status: 'ok' };
    });
  }

  async emptyFolder(folderId: string, mode: DeleteMode, _deleteSubFolders: boolean, signal: AbortSignal): Promise<ItemResult> {
    const dest = mode === 'MoveToDeletedItems' ? 'deleteditems' : mode === 'SoftDelete' ? 'recoverableitemsdeletions' : 'recoverableitemspurges';
    const [r] = await this.request('emptyFolder', [folderId], signal, () => {
      this.calls.push({ op: 'emptyFolder', ids: [folderId] });
      if (!this.folders.has(folderId)) return [notFound()];
      for (const it of this.inFolder(folderId)) this.relocate(it, dest);
      return [{ status: 'ok' } as ItemResult];
    });
    return r ?? notFound();
  }

  async getFolder(idOrWellKnown: string, signal: AbortSignal): Promise<FolderRef> {
    return this.request('getFolder', [], signal, () => {
      const f = this.folders.get(idOrWellKnown);
      if (!f) throw new BackendRequestError({ kind: 'fatal', code: 'ErrorFolderNotFound', message: `no folder ${idOrWellKnown}`, mayHaveExecuted: false });
      return { id: f.id, displayName: f.displayName, totalCount: this.inFolder(f.id).length };
    });
  }

  async listFoldersWithSourceKeys(signal: AbortSignal): Promise<FolderInfo[]> {
    return this.request('folders', [], signal, () =>
      [...this.folders.values()]
        .filter((f) => f.id !== 'msgfolderroot' && !f.id.startsWith('recoverable'))
        .map((f) => ({
          id: f.id,
          displayName: f.displayName,
          totalCount: this.inFolder(f.id).length,
          childFolderCount: 0,
          sourceKey: f.sourceKey,
          part: 'primary',
          area: 'ipm',
          ...(f.parentId ? { parentId: f.parentId } : {}),
        })),
    );
  }

  /** Folders CreateFolder actually made, in order. */
  readonly createdFolders: FakeFolder[] = [];

  async createFolder(parentIdOrWellKnown: string, displayName: string, signal: AbortSignal): Promise<CreateFolderResult> {
    return this.request('createFolder', [], signal, (): CreateFolderResult => {
      if (!this.folders.has(parentIdOrWellKnown))
        throw new BackendRequestError({
          kind: 'fatal',
          code: 'ErrorParentFolderNotFound',
          message: `no folder ${parentIdOrWellKnown}`,
          mayHaveExecuted: false,
        });
      const lower = displayName.toLowerCase();
      for (const f of this.folders.values()) if (f.parentId === parentIdOrWellKnown && f.displayName.toLowerCase() === lower) return { status: 'exists' };
      const made = this.addFolder(`folder-${(this.counter++).toString(36)}`, displayName, parentIdOrWellKnown);
      this.createdFolders.push(made);
      return { status: 'created', id: made.id };
    });
  }

  async moveFolder(folderId: string, toParentIdOrWellKnown: string, signal: AbortSignal): Promise<MoveFolderResult> {
    return this.request('moveFolder', [], signal, (): MoveFolderResult => {
      const f = this.folders.get(folderId);
      if (!f) return { status: 'refused', code: 'ErrorFolderNotFound', message: `no folder ${folderId}` };
      const to = this.folders.get(toParentIdOrWellKnown);
      if (!to) return { status: 'refused', code: 'ErrorToFolderNotFound', message: `no folder ${toParentIdOrWellKnown}` };
      f.parentId = to.id;
      return { status: 'moved', id: f.id };
    });
  }

  // ---- machinery -----------------------------------------------------------------------------

  private newId(): string {
    return `id-${(this.counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Moves an item as another client would (new id), outside any job. */
  relocate(it: FakeItem, dest: string): string {
    this.items.delete(it.id);
    it.id = this.newId();
    it.folderId = dest;
    this.items.set(it.id, it);
    this.applied.set(it.key, (this.applied.get(it.key) ?? 0) + 1);
    return it.id;
  }

  private async mutate(op: MutatingOp, ids: readonly string[], signal: AbortSignal, dest: string, apply: (it: FakeItem) => ItemResult): Promise<ItemResult[]> {
    return this.request(op, ids, signal, () => {
      this.calls.push({ op, ids: [...ids], dest });
      return ids.map((id) => {
        const it = this.items.get(id);
        if (!it) return notFound();
        return this.itemFault(op, it) ?? apply(it);
      });
    });
  }

  private async request<T>(op: Op, ids: readonly string[], signal: AbortSignal, run: () => T): Promise<T> {
    const batch = BATCH_OPS.has(op);
    if (batch) this.maxBatchesInFlight = Math.max(this.maxBatchesInFlight, ++this.batchesInFlight);
    try {
      return await this.answer(op, ids, signal, run);
    } finally {
      if (batch) this.batchesInFlight--;
    }
  }

  private async answer<T>(op: Op, ids: readonly string[], signal: AbortSignal, run: () => T): Promise<T> {
    const n = (this.opCounts.get(op) ?? 0) + 1;
    this.opCounts.set(op, n);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      else await Promise.resolve();
      const fault = this.requestFault({ op, ids, n });
      switch (fault?.kind) {
        case 'busy':
          throw new BackendRequestError({
            kind: 'busy',
            code: 'ErrorServerBusy',
            message: 'The server cannot service this request right now.',
            backOffMs: fault.backOffMs,
            mayHaveExecuted: false,
          });
        case 'transient':
          throw new BackendRequestError({ kind: 'transient', code: fault.code ?? 'HTTP503', message: 'Service Unavailable', mayHaveExecuted: false });
        case 'fatal':
          if (fault.neverSent) {
            throw new BackendRequestError({
              kind: 'fatal',
              code: fault.code ?? 'NoAccessToken',
              message: 'Signed out.',
              mayHaveExecuted: false,
              neverSent: true,
            });
          }
          throw new BackendRequestError({ kind: 'fatal', code: fault.code ?? 'ErrorAccessDenied', message: 'Access is denied.', mayHaveExecuted: false });
        case 'lost':
          run();
          fault.after?.();
          throw new BackendRequestError({ kind: 'transient', code: 'ECONNRESET', message: 'socket hang up', mayHaveExecuted: true });
        case 'late':
          setTimeout(() => run(), fault.applyAfterMs);
          throw new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'no answer in time', mayHaveExecuted: true });
        case 'hang':
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          throw new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'aborted', mayHaveExecuted: true });
        case undefined:
          return run();
      }
    } finally {
      this.inFlight--;
    }
  }
}

function notFound(): { status: 'notFound'; code: string; message: string } {
  return { status: 'notFound', code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' };
}

function toRow(it: FakeItem): ItemRow {
  const row: ItemRow = { id: it.id, itemClass: it.itemClass, subject: it.subject, from: it.from, received: it.received, size: it.size };
  if (it.lastActive) row.lastActiveParentEntryId = it.lastActive;
  return row;
}

function matches(it: FakeItem, f: ItemFilter): boolean {
  if (f.subjectContains && !it.subject.toLowerCase().includes(f.subjectContains.toLowerCase())) return false;
  if (f.senderContains && !it.from.toLowerCase().includes(f.senderContains.toLowerCase())) return false;
  if (f.receivedAfter && Date.parse(it.received) < Date.parse(f.receivedAfter)) return false;
  if (f.receivedBefore && Date.parse(it.received) >= Date.parse(f.receivedBefore)) return false;
  if (f.itemClass && it.itemClass !== f.itemClass) return false;
  return true;
}
