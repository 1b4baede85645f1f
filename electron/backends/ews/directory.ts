// The mailbox picker's directory over EWS: ResolveNames (as the admin types) and ExpandDL (one group
// level per call; multiMailboxList.ts walks the nesting). Signed in as the account itself, with no
// impersonation: the directory is the organisation's, not a mailbox's.
import type { DirectoryMailbox, EwsClient } from '../../ews';
import type { ConnectionParams } from '../connectionParams';
import type { DirectoryEntry, DirectoryOpening, MailboxDirectory, SignInEnvironment } from '../port';
import { signInAndProbe } from './signInProbe';

const GROUP_TYPES = new Set(['PublicDL', 'PrivateDL']);
const MAILBOX_TYPES = new Set(['Mailbox', 'GroupMailbox']);

function toEntry(m: DirectoryMailbox): DirectoryEntry {
  const type = m.mailboxType;
  const entry: DirectoryEntry = { kind: type === undefined ? 'mailbox' : GROUP_TYPES.has(type) ? 'group' : MAILBOX_TYPES.has(type) ? 'mailbox' : 'other' };
  if (m.name !== undefined) entry.name = m.name;
  // Only SMTP addresses open mailboxes (an EX routing type carries a legacy DN).
  if (m.emailAddress !== undefined && (m.routingType === undefined || m.routingType.toUpperCase() === 'SMTP')) entry.smtp = m.emailAddress;
  if (type !== undefined) entry.type = type;
  return entry;
}

export function ewsDirectory(client: EwsClient): MailboxDirectory {
  return {
    async resolve(name) {
      const result = await client.resolveNames({ entry: name, returnFullContactData: false, searchScope: 'ActiveDirectory' });
      const candidates = result.candidates.map((c) => toEntry(c.mailbox));
      if (result.outcome === 'error')
        return { outcome: 'error', candidates, message: `${result.status.effectiveCode}${result.status.messageText ? `: ${result.status.messageText}` : ''}` };
      return { outcome: result.outcome, candidates };
    },
    async expandGroup(address) {
      const result = await client.expandDL({ address });
      if (!result.ok) {
        const code = result.status.effectiveCode;
        return {
          ok: false,
          reason:
            code === 'ErrorNameResolutionNoResults'
              ? `${address} is not a distribution group the directory knows.`
              : `Exchange could not expand ${address} (${code}).`,
        };
      }
      const members = result.value.members.map(toEntry);
      if (result.value.includesLastItemInRange === false) {
        // ExpandDL has no paging: a group larger than Exchange answers in one go is cut short. Say so.
        return {
          ok: false,
          reason: `${address} has more members than Exchange lists in one answer (${members.length} of ${result.value.totalItemsInView ?? 'more'}): split it or use a CSV export of its members.`,
        };
      }
      return { ok: true, members };
    },
  };
}

/** Signs in as the account (no impersonation) for directory look-ups; `close` ends the connection. */
export async function openDirectory(params: ConnectionParams, environment: SignInEnvironment = {}): Promise<DirectoryOpening> {
  const { impersonate: _other, ...own } = params;
  const signedIn = await signInAndProbe(own, environment);
  if (!signedIn.ok) return { ok: false, reason: signedIn.error.message };
  const client = signedIn.client;
  return { ok: true, directory: ewsDirectory(client), close: () => client.close() };
}
