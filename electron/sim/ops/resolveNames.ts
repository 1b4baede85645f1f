// ResolveNames (the ResolveNames operation reference): one UnresolvedEntry, one ResponseMessage.
// The directory (directory.ts) is searched for ActiveDirectory scopes, the contacts folder (the
// acting user's, or the one ParentFolderIds names) for Contacts scopes, in the scope's order; at
// most 100 candidates. One match: Success. Several: Warning ErrorNameResolutionMultipleResults with
// every candidate. None: Error ErrorNameResolutionNoResults without a ResolutionSet.
// ReturnFullContactData adds a t:Contact to directory entries; store contacts always carry their
// ItemId (and a t:Contact with ContactSource Store).
import { runBatch } from '../batch';
import type { RequestContext } from '../context';
import { resolveName, type DirectoryEntry } from '../directory';
import { isItemError, itemError, type ItemError } from '../errors';
import { itemKind, type Item } from '../model';
import { NS_MESSAGES } from '../namespaces';
import { booleanAttr, child, enumAttr, requireChild, schemaFault, type XNode } from '../xmlRead';
import { el, esc, responseMessage } from '../xmlWrite';
import { checkFolderIdSyntax, type OperationHandler } from './operation';

const MAX_CANDIDATES = 100;
const SCOPES = ['ActiveDirectory', 'ActiveDirectoryContacts', 'Contacts', 'ContactsActiveDirectory'] as const;
type Scope = (typeof SCOPES)[number];

type Candidate = { kind: 'directory'; entry: DirectoryEntry } | { kind: 'contact'; item: Item };

function directoryMailbox(entry: DirectoryEntry): string {
  const type = entry.kind === 'group' ? 'PublicDL' : 'Mailbox';
  return `<t:Mailbox>${el('t:Name', entry.name)}${el('t:EmailAddress', entry.smtp)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>${type}</t:MailboxType></t:Mailbox>`;
}

/** t:Contact for a directory entry, in ContactItemType's element order. */
function directoryContact(entry: DirectoryEntry): string {
  const words = entry.name.split(/\s+/);
  const given = entry.kind === 'user' && words.length > 1 ? el('t:GivenName', words[0] ?? '') : '';
  const surname = entry.kind === 'user' && words.length > 1 ? el('t:Surname', words.slice(1).join(' ')) : '';
  return (
    `<t:Contact>${el('t:DisplayName', entry.name)}${given}` +
    `<t:EmailAddresses><t:Entry Key="EmailAddress1">SMTP:${esc(entry.smtp)}</t:Entry></t:EmailAddresses>` +
    `<t:ContactSource>ActiveDirectory</t:ContactSource>${surname}</t:Contact>`
  );
}

function resolution(ctx: RequestContext, candidate: Candidate, fullContactData: boolean): string {
  if (candidate.kind === 'directory') {
    return `<t:Resolution>${directoryMailbox(candidate.entry)}${fullContactData ? directoryContact(candidate.entry) : ''}</t:Resolution>`;
  }
  const item = candidate.item;
  const id = `<t:ItemId Id="${ctx.store.itemId(item)}" ChangeKey="${ctx.store.itemChangeKey(item)}"/>`;
  return (
    `<t:Resolution><t:Mailbox>${el('t:Name', item.subject)}<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Contact</t:MailboxType>${id}</t:Mailbox>` +
    `<t:Contact>${el('t:DisplayName', item.subject)}<t:ContactSource>Store</t:ContactSource></t:Contact></t:Resolution>`
  );
}

/** Contacts (IPM.Contact items) of the folder whose display name, or one of its words, starts with the text. */
function searchContacts(items: readonly Item[], text: string): Item[] {
  const wanted = text.trim().toLowerCase();
  if (wanted === '') return [];
  return items.filter((item) => {
    if (itemKind(item.itemClass) !== 'Contact') return false;
    const name = item.subject.toLowerCase();
    return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
  });
}

function contactsFolderItems(ctx: RequestContext, parents: XNode | undefined): readonly Item[] | ItemError {
  if (parents) {
    const [ref, ...rest] = parents.children;
    if (!ref) throw schemaFault("The element 'ParentFolderIds' has incomplete content.");
    if (rest.length > 0) return itemError('ErrorInvalidOperation', 'ParentFolderIds may hold one contacts folder only.');
    checkFolderIdSyntax([ref]);
    const folder = ctx.resolveFolderRef(ref);
    return isItemError(folder) ? folder : folder.contents.all();
  }
  const contacts = ctx.store.distinguished(ctx.actingAs.primary, 'contacts');
  return contacts ? contacts.contents.all() : [];
}

function candidates(ctx: RequestContext, scope: Scope, text: string, parents: XNode | undefined): Candidate[] | ItemError {
  const fromDirectory = (): Candidate[] => resolveName(ctx.store, text, MAX_CANDIDATES).map((entry) => ({ kind: 'directory', entry }));
  const fromContacts = (): Candidate[] | ItemError => {
    const items = contactsFolderItems(ctx, parents);
    return isItemError(items) ? items : searchContacts(items, text).map((item) => ({ kind: 'contact', item }));
  };
  const order =
    scope === 'ActiveDirectory'
      ? [fromDirectory]
      : scope === 'Contacts'
        ? [fromContacts]
        : scope === 'ActiveDirectoryContacts'
          ? [fromDirectory, fromContacts]
          : [fromContacts, fromDirectory];
  const out: Candidate[] = [];
  for (const search of order) {
    const found = search();
    if (isItemError(found)) return found;
    out.push(...found);
  }
  return out.slice(0, MAX_CANDIDATES);
}

export const resolveNames: OperationHandler = async (ctx, request) => {
  const fullContactData = booleanAttr(request, 'ReturnFullContactData', true) ?? false;
  const scope = enumAttr(request, 'SearchScope', SCOPES, 'ActiveDirectoryContacts');
  if (request.attrs['ContactDataShape'] !== undefined) enumAttr(request, 'ContactDataShape', ['IdOnly', 'Default', 'AllProperties'] as const);
  const entry = requireChild(request, NS_MESSAGES, 'UnresolvedEntry');
  if (entry.text === '')
    throw schemaFault("The element 'UnresolvedEntry' is invalid - The value '' is invalid according to its datatype 'NonEmptyStringType'.");
  const parents = child(request, NS_MESSAGES, 'ParentFolderIds');
  let candidateSet = '';
  const [message] = await runBatch(
    ctx,
    [entry],
    (node) => {
      const found = candidates(ctx, scope, node.text, parents);
      if (isItemError(found)) return { ok: false, error: found };
      if (found.length === 0) return { ok: false, error: itemError('ErrorNameResolutionNoResults') };
      candidateSet = `<m:ResolutionSet TotalItemsInView="${found.length}" IncludesLastItemInRange="true">${found.map((c) => resolution(ctx, c, fullContactData)).join('')}</m:ResolutionSet>`;
      if (found.length === 1) return { ok: true, payload: candidateSet };
      // Ambiguous: a Warning that still carries every candidate, so the caller can choose.
      return { ok: false, error: itemError('ErrorNameResolutionMultipleResults'), warning: true };
    },
    { injectItemErrors: false },
  );
  if (!message) return '';
  // An error message carries the candidates only when it is the ambiguous Warning.
  return responseMessage('ResolveNames', message, message.ok || !message.warning ? '' : candidateSet);
};
