// A folder's items, kept in the default order (DateTimeReceived descending, newest counter first)
// so paging a million-item folder is a slice. Removal is O(1): the item's `folder` changes and the
// entry goes stale; additions queue up. Both are folded in lazily on the next read (one O(n)
// pass plus a sort of the additions only). Other orders and filters are cached per folder version.
import type { Folder, FolderContentsLike, Item } from './model';

const MAX_CACHED_VIEWS = 8;

export function compareDefaultOrder(a: Item, b: Item): number {
  return b.received - a.received || b.counter - a.counter;
}

export class FolderContents implements FolderContentsLike {
  count = 0;
  unread = 0;
  version = 0;
  private sorted: Item[] = [];
  private added: Item[] = [];
  private stale = 0;
  private views = new Map<string, { version: number; items: Item[] }>();

  constructor(private readonly folder: () => Folder) {}

  add(item: Item): void {
    this.added.push(item);
    this.count++;
    if (!item.isRead) this.unread++;
    this.version++;
  }

  addMany(items: readonly Item[]): void {
    for (const item of items) {
      this.added.push(item);
      if (!item.isRead) this.unread++;
    }
    this.count += items.length;
    this.version++;
  }

  noteRemoved(item: Item): void {
    this.stale++;
    this.count--;
    if (!item.isRead) this.unread--;
    this.version++;
  }

  noteReadChanged(item: Item): void {
    this.unread += item.isRead ? -1 : 1;
    // Cached views may filter on IsRead.
    this.version++;
  }

  all(): readonly Item[] {
    if (this.stale > 0 || this.added.length > 0) this.rebuild();
    return this.sorted;
  }

  view(key: string, compute: (all: readonly Item[]) => Item[]): readonly Item[] {
    const all = this.all();
    const cached = this.views.get(key);
    if (cached && cached.version === this.version) return cached.items;
    const items = compute(all);
    if (this.views.size >= MAX_CACHED_VIEWS) {
      const oldest = this.views.keys().next();
      if (!oldest.done) this.views.delete(oldest.value);
    }
    this.views.set(key, { version: this.version, items });
    return items;
  }

  private rebuild(): void {
    const self = this.folder();
    const live = this.stale > 0 ? this.sorted.filter((item) => item.folder === self) : this.sorted;
    const additions = this.added.filter((item) => item.folder === self);
    this.added = [];
    this.stale = 0;
    if (additions.length === 0) {
      this.sorted = live;
      return;
    }
    if (!isSorted(additions)) additions.sort(compareDefaultOrder);
    this.sorted = live.length === 0 ? additions : merge(live, additions);
  }
}

function isSorted(items: readonly Item[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1];
    const cur = items[i];
    if (prev && cur && compareDefaultOrder(prev, cur) > 0) return false;
  }
  return true;
}

function merge(a: readonly Item[], b: readonly Item[]): Item[] {
  const out: Item[] = new Array<Item>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Item;
    const y = b[j] as Item;
    if (compareDefaultOrder(x, y) <= 0) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as Item;
  while (j < b.length) out[k++] = b[j++] as Item;
  return out;
}
