// The simulator's address book (what Active Directory holds for EWS name resolution): the store's
// users as mailboxes, plus mail-enabled distribution groups (public DLs). ResolveNames and ExpandDL
// read it. Groups are kept beside the store (one registry per store) rather than in it, because
// nothing else in the mailbox model refers to them.
import type { Store } from './store';
import type { User } from './model';

export interface GroupConfig {
  /** Primary SMTP address of the group. */
  smtp: string;
  name: string;
  /** Primary SMTP addresses of the members: users or other groups (nesting is not expanded by ExpandDL). */
  members: readonly string[];
}

/** The demo directory's groups; their members are DEMO_USERS (seed.ts). */
export const DEMO_GROUPS: readonly GroupConfig[] = [
  { smtp: 'all-staff@contoso.com', name: 'All Staff', members: ['alice@contoso.com', 'bob@contoso.com', 'sales@contoso.com'] },
  { smtp: 'sales@contoso.com', name: 'Sales', members: ['carol@contoso.com'] },
];

export type DirectoryEntry = { kind: 'user'; smtp: string; name: string; user: User } | { kind: 'group'; smtp: string; name: string; group: GroupConfig };

const groupsByStore = new WeakMap<Store, Map<string, GroupConfig>>();

/** Adds groups to a store's directory (at start-up). A group's address must not be a user's. */
export function addGroups(store: Store, groups: readonly GroupConfig[]): void {
  let byAddress = groupsByStore.get(store);
  if (!byAddress) groupsByStore.set(store, (byAddress = new Map()));
  for (const group of groups) {
    const key = group.smtp.toLowerCase();
    if (store.user(key) || byAddress.has(key)) throw new Error(`duplicate directory address ${group.smtp}`);
    byAddress.set(key, group);
  }
}

/** A user or group by primary SMTP address (any case). */
export function directoryEntry(store: Store, address: string): DirectoryEntry | undefined {
  const key = address.trim().toLowerCase();
  const user = store.user(key);
  if (user) return { kind: 'user', smtp: user.smtp, name: user.name, user };
  const group = groupsByStore.get(store)?.get(key);
  return group ? { kind: 'group', smtp: group.smtp, name: group.name, group } : undefined;
}

/** Every directory entry: users first, then groups, each in the order they were added. */
export function directoryEntries(store: Store): DirectoryEntry[] {
  const out: DirectoryEntry[] = [];
  for (const user of store.users.values()) out.push({ kind: 'user', smtp: user.smtp, name: user.name, user });
  for (const group of groupsByStore.get(store)?.values() ?? []) out.push({ kind: 'group', smtp: group.smtp, name: group.name, group });
  return out;
}

/**
 * Ambiguous name resolution as Active Directory does it for ResolveNames: an entry matches when the
 * text is its whole primary SMTP address, or a prefix of its display name, of one of the display
 * name's words (given name, surname) or of its alias (the SMTP local part). Case-insensitive.
 * "smtp:" in front asks for the address only. At most `limit` results, sorted by display name.
 */
export function resolveName(store: Store, text: string, limit: number): DirectoryEntry[] {
  const trimmed = text.trim();
  const addressOnly = /^smtp:/i.test(trimmed);
  const wanted = (addressOnly ? trimmed.slice(5) : trimmed).toLowerCase();
  if (wanted === '') return [];
  const exact = directoryEntry(store, wanted);
  if (exact) return [exact];
  if (addressOnly) return [];
  const matches = directoryEntries(store).filter((entry) => {
    const name = entry.name.toLowerCase();
    const alias = entry.smtp.toLowerCase().split('@')[0] ?? '';
    return name.startsWith(wanted) || alias.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
  });
  matches.sort((a, b) => a.name.localeCompare(b.name) || a.smtp.localeCompare(b.smtp));
  return matches.slice(0, limit);
}
