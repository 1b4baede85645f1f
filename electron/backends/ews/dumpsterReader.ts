// The dumpster health reader over EWS: GetFolder on the Recoverable Items root and a Deep FindFolder
// below it, both asking for TotalCount and the folder size (PR_MESSAGE_SIZE_EXTENDED 0x0E08, Long,
// a folder's own items' bytes). EWS types stay here; the use-case sees domain rows only.
import type { DumpsterFolderHealth, MailboxPart } from '../../../shared/domain';
import type { DistinguishedFolderName, EwsClient, FolderRef, FolderRow } from '../../ews';
import type { DumpsterReader } from '../port';

const ROOT: Record<MailboxPart, DistinguishedFolderName> = { primary: 'recoverableitemsroot', archive: 'archiverecoverableitemsroot' };
const PAGE = 1000;

function toHealth(row: FolderRow): DumpsterFolderHealth {
  const out: DumpsterFolderHealth = { folderId: row.id, displayName: row.displayName ?? '', itemCount: row.totalCount ?? 0 };
  if (row.distinguishedId !== undefined) out.distinguishedId = row.distinguishedId;
  if (row.sizeBytes !== undefined) out.sizeBytes = row.sizeBytes;
  return out;
}

function refusal(what: string, code: string, delegate: boolean): Error {
  // Whether Exchange lets a FullAccess delegate into another mailbox's dumpster is unconfirmed (EWS-FACTS §7).
  const hint = delegate
    ? ' Exchange may keep Recoverable Items to the owner under delegate access: connect with an account that has the ApplicationImpersonation role.'
    : '';
  return new Error(`Exchange refused to read ${what} (${code}).${hint}`);
}

/**
 * `ref` names a distinguished folder in the open mailbox (with the mailbox address when another
 * user's is open); `delegate` says the session uses delegate access, for the refusal's advice.
 */
export function createEwsDumpsterReader(client: EwsClient, ref: (name: DistinguishedFolderName) => FolderRef, delegate: boolean): DumpsterReader {
  return {
    async readPart(part) {
      const root = ref(ROOT[part]);
      const [top] = await client.getFolder({ folders: [root], includeDistinguishedId: true, includeSize: true });
      if (top === undefined || !top.ok || top.value === undefined)
        throw refusal('Recoverable Items', top?.ok === false ? top.status.effectiveCode : 'no answer', delegate);
      const rows: DumpsterFolderHealth[] = [toHealth(top.value)];
      for (let offset = 0; ;) {
        const [result] = await client.findFolder({
          parents: [root],
          traversal: 'Deep',
          includeDistinguishedId: true,
          includeSize: true,
          page: { offset, maxEntries: PAGE },
        });
        if (result === undefined) return rows;
        if (!result.ok) throw refusal('the folders in Recoverable Items', result.status.effectiveCode, delegate);
        rows.push(...result.value.folders.map(toHealth));
        const next = result.value.indexedPagingOffset ?? offset + result.value.folders.length;
        if (result.value.includesLastItemInRange || result.value.folders.length === 0 || next <= offset) return rows;
        offset = next;
      }
    },
  };
}
