// ResolveNames: one name or address typed in the mailbox picker → the directory's candidates.
// One answer per request. Exchange says "ambiguous" as a Warning (ErrorNameResolutionMultipleResults)
// that still lists every candidate, and "nothing" as ErrorNameResolutionNoResults, so the result
// carries the candidates whatever the class, and `outcome` says which case it is. At most 100
// candidates are read (the schema's and Exchange's limit).
import { EwsError } from '../errors';
import { readIdAttributes, type ItemId } from '../ids';
import type { EwsOperation } from '../operation';
import { readResponseMessages, readStatus, type ResponseStatus } from '../responseMessages';
import { escapeXml } from '../xmlText';
import { attr, childrenOf, childText, firstChild, textOf, type XNode } from '../xmlTree';

export type ResolveNamesScope = 'ActiveDirectory' | 'ActiveDirectoryContacts' | 'Contacts' | 'ContactsActiveDirectory';
const SCOPES: readonly string[] = ['ActiveDirectory', 'ActiveDirectoryContacts', 'Contacts', 'ContactsActiveDirectory'];
const MAX_CANDIDATES = 100;

export interface ResolveNamesRequest {
  /** A display name, alias or address, or part of one. */
  entry: string;
  /** Default true: directory entries come with their contact data. */
  returnFullContactData?: boolean;
  /** Default ActiveDirectory (the mailbox picker wants directory entries, not personal contacts). */
  searchScope?: ResolveNamesScope;
}

/** A t:Mailbox (EmailAddressType) as Exchange writes it in ResolveNames and ExpandDL answers. */
export interface DirectoryMailbox {
  name: string | undefined;
  emailAddress: string | undefined;
  routingType: string | undefined;
  /** Mailbox, PublicDL (a group: expand it with ExpandDL), PrivateDL, Contact, OneOff, … */
  mailboxType: string | undefined;
  /** Set for entries from a contacts folder. */
  itemId: ItemId | undefined;
}

export interface ResolvedContact {
  displayName: string | undefined;
  givenName: string | undefined;
  surname: string | undefined;
  /** The t:EmailAddresses entries as sent (e.g. "SMTP:alice@contoso.com"). */
  emailAddresses: string[];
  /** ActiveDirectory or Store. */
  source: string | undefined;
}

export interface ResolvedName {
  mailbox: DirectoryMailbox;
  contact: ResolvedContact | undefined;
}

export interface ResolveNamesResult {
  status: ResponseStatus;
  /** resolved = exactly one; ambiguous = several, listed; none = no match; error = any other failure. */
  outcome: 'resolved' | 'ambiguous' | 'none' | 'error';
  candidates: ResolvedName[];
  totalItemsInView: number | undefined;
  includesLastItemInRange: boolean | undefined;
}

function text(node: XNode, name: string): string | undefined {
  return childText(node, name);
}

export function readDirectoryMailbox(node: XNode): DirectoryMailbox {
  const ids = readIdAttributes(firstChild(node, 'ItemId'));
  return {
    name: text(node, 'Name'),
    emailAddress: text(node, 'EmailAddress')?.trim(),
    routingType: text(node, 'RoutingType')?.trim(),
    mailboxType: text(node, 'MailboxType')?.trim(),
    itemId: ids === undefined ? undefined : ids.changeKey === undefined ? { id: ids.id } : { id: ids.id, changeKey: ids.changeKey },
  };
}

function readContact(node: XNode | undefined): ResolvedContact | undefined {
  if (node === undefined) return undefined;
  const addresses = firstChild(node, 'EmailAddresses');
  return {
    displayName: text(node, 'DisplayName'),
    givenName: text(node, 'GivenName'),
    surname: text(node, 'Surname'),
    emailAddresses:
      addresses === undefined
        ? []
        : childrenOf(addresses)
            .map((entry) => textOf(entry).trim())
            .filter((value) => value !== ''),
    source: text(node, 'ContactSource')?.trim(),
  };
}

/** An integer attribute of a paging element (TotalItemsInView), when it is one. */
export function intAttr(node: XNode, name: string): number | undefined {
  const raw = attr(node, name);
  const n = raw === undefined ? NaN : Number(raw.trim());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function boolAttr(node: XNode, name: string): boolean | undefined {
  const raw = attr(node, name)?.trim();
  return raw === undefined ? undefined : raw === 'true' || raw === '1';
}

function outcomeOf(status: ResponseStatus): ResolveNamesResult['outcome'] {
  if (status.responseClass === 'Success') return 'resolved';
  if (status.responseCode === 'ErrorNameResolutionMultipleResults') return 'ambiguous';
  return status.responseCode === 'ErrorNameResolutionNoResults' ? 'none' : 'error';
}

export const resolveNamesOperation: EwsOperation<ResolveNamesRequest, ResolveNamesResult> = {
  name: 'ResolveNames',
  buildBody(request) {
    if (request.entry.trim() === '') throw new EwsError('invalid-request', 'A name to resolve is required.');
    const scope = request.searchScope ?? 'ActiveDirectory';
    if (!SCOPES.includes(scope)) throw new EwsError('invalid-request', `"${String(scope)}" is not a ResolveNames search scope.`);
    const full = request.returnFullContactData ?? true;
    return `<m:ResolveNames ReturnFullContactData="${full ? 'true' : 'false'}" SearchScope="${scope}"><m:UnresolvedEntry>${escapeXml(request.entry)}</m:UnresolvedEntry></m:ResolveNames>`;
  },
  parseResponse(response) {
    // Checks there is exactly one message of the right name; the candidates are read below
    // whatever its class, because the ambiguous Warning carries them too.
    readResponseMessages(response, 'ResolveNames', 1, () => null);
    const message = childrenOf(firstChild(response, 'ResponseMessages') as XNode)[0] as XNode;
    const status = readStatus(message);
    const set = firstChild(message, 'ResolutionSet');
    const candidates: ResolvedName[] = [];
    for (const resolution of set === undefined ? [] : childrenOf(set)) {
      if (candidates.length >= MAX_CANDIDATES) break;
      const mailbox = firstChild(resolution, 'Mailbox');
      if (resolution.name !== 'Resolution' || mailbox === undefined) continue;
      candidates.push({ mailbox: readDirectoryMailbox(mailbox), contact: readContact(firstChild(resolution, 'Contact')) });
    }
    return {
      status,
      outcome: outcomeOf(status),
      candidates,
      totalItemsInView: set === undefined ? undefined : intAttr(set, 'TotalItemsInView'),
      includesLastItemInRange: set === undefined ? undefined : boolAttr(set, 'IncludesLastItemInRange'),
    };
  },
};
