// Who may open whose mailbox, as Exchange grants it. Three separate grants:
// - ApplicationImpersonation (`canImpersonate`): lets the caller act AS another user, and only in
//   requests that carry t:ExchangeImpersonation (the ExchangeImpersonation reference; without the
//   header it grants nothing). Checked in envelope.ts.
// - FullAccess (`fullAccessTo`, Add-MailboxPermission -AccessRights FullAccess): the caller, acting
//   as itself, may open that mailbox (delegate access: t:Mailbox in a DistinguishedFolderId, or ids
//   of that mailbox) and read and change everything in it.
// - Read-only access (`readAccessTo`, like Reviewer folder permissions on every folder): may read but
//   not change; a change answers ErrorAccessDenied ("Handling delegation-related errors in EWS").
// A user always has full access to their own mailboxes (primary and archive).
import type { Grant, User } from './model';

export type { Grant } from './model';

export type MailboxAccess = 'full' | 'read' | 'none';

/** Normalises a configured grant (lower-case addresses; '*' kept). */
export function grant(value: Grant | undefined): Grant {
  if (value === undefined) return [];
  return value === '*' ? '*' : value.map((address) => address.toLowerCase());
}

function covers(list: Grant, owner: User): boolean {
  return list === '*' || list.includes(owner.smtp.toLowerCase());
}

/** What `actor` (the user the request acts as) may do in `owner`'s mailboxes. */
export function mailboxAccess(actor: User, owner: User): MailboxAccess {
  if (actor === owner || covers(actor.fullAccessTo, owner)) return 'full';
  return covers(actor.readAccessTo, owner) ? 'read' : 'none';
}

/** Whether `caller` can reach `owner`'s mailbox at all, by impersonation or by delegate access (Autodiscover's rule). */
export function mayReach(caller: User, owner: User): boolean {
  return caller.canImpersonate || mailboxAccess(caller, owner) !== 'none';
}
