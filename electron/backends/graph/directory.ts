// The mailbox picker's directory over Microsoft Graph (the port's MailboxDirectory), the Graph
// counterparts of ResolveNames and ExpandDL: an address is looked up with GET /users/{address}
// and, when no user has it, as a group's mail; a name as the start of users' and groups' names or
// addresses; a group is expanded with /groups/{id}/transitiveMembers, which already walks every
// nesting, so nested groups are not handed back to be expanded again.
import type { GraphClient } from '../../graph/client';
import { directoryType, type DirectoryObject } from '../../graph/directoryObject';
import { describeFailure, type GraphFailure } from '../../graph/errors';
import { findGroups, groupByMail } from '../../graph/operations/findGroups';
import { findUsers } from '../../graph/operations/findUsers';
import { getUser } from '../../graph/operations/getUser';
import { transitiveMembers } from '../../graph/operations/groupMembers';
import type { DirectoryEntry, MailboxDirectory, ResolveAnswer } from '../port';

/** Candidates a typed name shows at most (ResolveNames answers at most 100 too). */
const MAX_CANDIDATES = 100;
/** Members read of one group at most; a larger group is refused in words rather than cut short silently. */
const MAX_MEMBERS = 100_000;

const DIRECTORY_CALL = { timeoutMs: 60_000 };

function isMissing(failure: GraphFailure): boolean {
  return failure.kind === 'graph-error' && failure.status === 404;
}

function deniedHint(failure: GraphFailure, permission: string): string {
  if (failure.kind === 'graph-error' && failure.status === 403)
    return `${describeFailure(failure)}; the app registration needs the ${permission} permission (admin consent) to read the directory.`;
  return describeFailure(failure);
}

function userEntry(user: DirectoryObject): DirectoryEntry {
  const name = user.displayName ?? undefined;
  // A user without mail has no Exchange mailbox to open.
  if (!user.mail)
    return { kind: 'other', type: 'user without a mailbox', ...(name ? { name } : {}), ...(user.userPrincipalName ? { smtp: user.userPrincipalName } : {}) };
  return { kind: 'mailbox', type: 'user', smtp: user.mail, ...(name ? { name } : {}) };
}

function groupEntry(group: DirectoryObject): DirectoryEntry {
  const name = group.displayName ?? undefined;
  // Only a mail-enabled group has an address to expand it by.
  if (!group.mail) return { kind: 'other', type: 'group without an address', ...(name ? { name } : {}) };
  return { kind: 'group', type: 'group', smtp: group.mail, ...(name ? { name } : {}) };
}

function memberEntry(member: DirectoryObject): DirectoryEntry {
  const type = directoryType(member, 'directoryObject');
  if (type === 'user') return userEntry(member);
  const name = member.displayName ?? undefined;
  return { kind: 'other', type, ...(name ? { name } : {}), ...(member.mail ? { smtp: member.mail } : {}) };
}

export function graphDirectory(client: GraphClient): MailboxDirectory {
  async function byAddress(address: string): Promise<ResolveAnswer> {
    const user = await getUser(client, address, DIRECTORY_CALL);
    if (user.ok) return { outcome: 'resolved', candidates: [userEntry(user.user)] };
    if (!isMissing(user.failure)) return { outcome: 'error', candidates: [], message: deniedHint(user.failure, 'User.Read.All') };
    const groups = await groupByMail(client, address, DIRECTORY_CALL);
    if (!groups.ok) return { outcome: 'error', candidates: [], message: deniedHint(groups.failure, 'GroupMember.Read.All') };
    const candidates = groups.entries.map(groupEntry);
    return { outcome: candidates.length === 0 ? 'none' : candidates.length === 1 ? 'resolved' : 'ambiguous', candidates };
  }

  async function byName(prefix: string): Promise<ResolveAnswer> {
    const [users, groups] = await Promise.all([
      findUsers(client, prefix, MAX_CANDIDATES, DIRECTORY_CALL),
      findGroups(client, prefix, MAX_CANDIDATES, DIRECTORY_CALL),
    ]);
    if (!users.ok) return { outcome: 'error', candidates: [], message: deniedHint(users.failure, 'User.Read.All') };
    if (!groups.ok) return { outcome: 'error', candidates: [], message: deniedHint(groups.failure, 'GroupMember.Read.All') };
    const candidates = [...users.entries.map(userEntry), ...groups.entries.map(groupEntry)].slice(0, MAX_CANDIDATES);
    candidates.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.smtp ?? '').localeCompare(b.smtp ?? ''));
    return { outcome: candidates.length === 0 ? 'none' : candidates.length === 1 ? 'resolved' : 'ambiguous', candidates };
  }

  return {
    resolve(entry) {
      const text = entry.trim().replace(/^smtp:/i, '');
      if (text === '') return Promise.resolve({ outcome: 'none', candidates: [] });
      return text.includes('@') ? byAddress(text) : byName(text);
    },
    async expandGroup(address) {
      const groups = await groupByMail(client, address, DIRECTORY_CALL);
      if (!groups.ok) return { ok: false, reason: `The directory could not look up ${address}: ${deniedHint(groups.failure, 'GroupMember.Read.All')}` };
      const [group, second] = groups.entries;
      if (group === undefined) return { ok: false, reason: `${address} is not a group the directory knows.` };
      if (second !== undefined) return { ok: false, reason: `Several groups have the address ${address}: expand them from a CSV export instead.` };
      const members = await transitiveMembers(client, group.id, MAX_MEMBERS, DIRECTORY_CALL);
      if (!members.ok)
        return { ok: false, reason: `The directory could not list the members of ${address}: ${deniedHint(members.failure, 'GroupMember.Read.All')}` };
      if (members.truncated) return { ok: false, reason: `${address} has more than ${MAX_MEMBERS} members: split it or use a CSV export of its members.` };
      const seen = new Set<string>();
      const out: DirectoryEntry[] = [];
      for (const member of members.entries) {
        // Nested groups' members are in the flat list already.
        if (directoryType(member, 'directoryObject') === 'group') continue;
        const entry = memberEntry(member);
        const key = entry.smtp?.toLowerCase() ?? `#${member.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(entry);
      }
      return { ok: true, members: out };
    },
  };
}
