// What one Graph request works with, and how users, mailboxes and folder references resolve.
import type { Folder, Mailbox, User } from '../sim/model';
import { mailboxAccess } from '../sim/rights';
import type { Store } from '../sim/store';
import type { SemanticSwitches } from '../sim/switches';
import type { Caller } from './access';
import { objectIdOf } from './authority/registry';
import { accessDenied, GraphError, idMalformed, invalidUser, itemNotFound } from './errors';
import { decodeGraphId, folderOfId } from './ids';
import type { GraphSwitches } from './switches';

export interface GraphContext {
  store: Store;
  /** The mailbox rules' switches, shared with the EWS front (same mailboxes, same rules). */
  storeSwitches: SemanticSwitches;
  switches: GraphSwitches;
  /** scheme://host:port/v1.0 */
  serviceRoot: string;
  caller: Caller;
}

/**
 * Graph's well-known folder names (mailFolder resource, v1.0) and the folder each is in our
 * mailbox model. Versions, Purges and DiscoveryHolds have none; `archive` is the one-click Archive
 * folder of the primary mailbox (not the archive mailbox, which Graph v1.0 does not expose).
 */
export const WELL_KNOWN_NAMES: Readonly<Record<string, string | undefined>> = {
  archive: undefined,
  clutter: undefined,
  conflicts: 'conflicts',
  conversationhistory: 'conversationhistory',
  deleteditems: 'deleteditems',
  drafts: 'drafts',
  inbox: 'inbox',
  junkemail: 'junkemail',
  localfailures: 'localfailures',
  msgfolderroot: 'msgfolderroot',
  outbox: 'outbox',
  recoverableitemsdeletions: 'recoverableitemsdeletions',
  scheduled: undefined,
  searchfolders: 'searchfolders',
  sentitems: 'sentitems',
  serverfailures: 'serverfailures',
  syncissues: 'syncissues',
};

/** `me`, a user principal name (the SMTP address here) or the user's object id. */
export function resolveUser(ctx: GraphContext, segment: string): User {
  if (segment.toLowerCase() === 'me') {
    // Graph: /me with an app-only token is a 400 (there is no signed-in user).
    if (ctx.caller.kind !== 'delegated') throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    return ctx.caller.user;
  }
  const direct = ctx.store.user(segment);
  if (direct) return direct;
  for (const user of ctx.store.users.values()) if (objectIdOf(user) === segment.toLowerCase()) return user;
  throw invalidUser(segment);
}

/** Refuses what the caller's token or rights do not allow on this user's mailbox. */
export function checkMailboxAccess(ctx: GraphContext, owner: User, use: 'read' | 'write'): void {
  const caller = ctx.caller;
  const p = caller.permissions;
  if (caller.kind === 'app') {
    const ok = use === 'read' ? p.has('Mail.Read') || p.has('Mail.ReadWrite') || p.has('Mail.ReadBasic.All') : p.has('Mail.ReadWrite');
    if (!ok) throw accessDenied();
    return;
  }
  if (caller.user === owner) {
    const ok = use === 'read' ? p.has('Mail.Read') || p.has('Mail.ReadWrite') || p.has('Mail.ReadBasic') : p.has('Mail.ReadWrite');
    if (!ok) throw accessDenied();
    return;
  }
  // Another user's mailbox: the .Shared permission and the Exchange right (FullAccess, or read for reads).
  const rights = mailboxAccess(caller.user, owner);
  const ok =
    use === 'read' ? (p.has('Mail.Read.Shared') || p.has('Mail.ReadWrite.Shared')) && rights !== 'none' : p.has('Mail.ReadWrite.Shared') && rights === 'full';
  if (!ok) throw accessDenied();
}

function visible(ctx: GraphContext, folder: Folder): boolean {
  if (ctx.switches.dumpsterFolders === 'all' || !ctx.store.inDumpster(folder)) return true;
  const deletions = ctx.store.distinguished(folder.mailbox, 'recoverableitemsdeletions');
  const root = ctx.store.distinguished(folder.mailbox, 'recoverableitemsroot');
  return folder === root || (deletions !== undefined && ctx.store.isWithin(folder, deletions));
}

export function folderVisible(ctx: GraphContext, folder: Folder): boolean {
  return visible(ctx, folder);
}

/** A folder by Graph id or well-known name; unknown names are malformed ids, as Graph answers them. */
export function resolveFolder(ctx: GraphContext, mailbox: Mailbox, ref: string): Folder {
  const name = ref.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(WELL_KNOWN_NAMES, name)) {
    const distinguished = WELL_KNOWN_NAMES[name];
    const folder = distinguished === undefined ? undefined : ctx.store.distinguished(mailbox, distinguished);
    if (!folder) throw itemNotFound();
    return folder;
  }
  const decoded = decodeGraphId(ref);
  if (!decoded || decoded.kind !== 'folder') throw idMalformed();
  const folder = folderOfId(ctx.store, mailbox, decoded);
  if (!folder || !visible(ctx, folder)) throw itemNotFound();
  return folder;
}
