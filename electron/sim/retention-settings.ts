// Per-user retention settings (single item recovery, holds, extra dumpster bytes) with their
// defaults, and the link from a user back to its store so retention.ts can act on an item alone
// (keepVersionIfHeld takes just the item). Kept apart from retention.ts so store.ts can use it
// without an import cycle.
import type { RetentionSettings, User } from './model';
import type { Store } from './store';

/** Exchange Server defaults: single item recovery off, no hold (EWS-FACTS §7). */
export function retentionSettings(given: Partial<RetentionSettings> = {}): RetentionSettings {
  return {
    singleItemRecovery: given.singleItemRecovery ?? false,
    litigationHold: given.litigationHold ?? false,
    inPlaceHold: given.inPlaceHold ?? false,
    extraDumpsterBytes: { primary: given.extraDumpsterBytes?.primary ?? 0, archive: given.extraDumpsterBytes?.archive ?? 0 },
  };
}

const stores = new WeakMap<User, Store>();

export function bindUserStore(user: User, store: Store): void {
  stores.set(user, store);
}

export function storeOfUser(user: User): Store {
  const store = stores.get(user);
  if (!store) throw new Error(`user ${user.smtp} belongs to no store`);
  return store;
}
