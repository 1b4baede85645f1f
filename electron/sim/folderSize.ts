// A folder's size as Exchange reports it on the folder: PidTagMessageSizeExtended (0x0E08,
// PtypInteger64, EWS PropertyType "Long"), "the 64-bit version of PidTagMessageSize", which
// [MS-OXCFOLD] 2.2.2.2.1.10/.11 define on folders as the aggregate size of the messages in the
// folder (its own, not its subfolders'). FAI items are left out like TotalCount leaves them out.
import type { Folder } from './model';
import { folderContentBytes } from './retention';
import type { Store } from './store';

/** PidTagMessageSizeExtended (PR_MESSAGE_SIZE_EXTENDED). */
export const PR_MESSAGE_SIZE_EXTENDED = 0x0e08;

/**
 * Bytes of the folder's items. The Recoverable Items root also carries the mailbox part's
 * `extraDumpsterBytes` test figure: it stands for dumpster content the simulator keeps no items
 * for (Audits, Calendar Logging, …), so that a client summing the dumpster's folder sizes sees
 * the same total the quota is checked against.
 */
export function folderSizeBytes(store: Store, folder: Folder): number {
  const bytes = folderContentBytes(folder);
  const mailbox = folder.mailbox;
  if (folder === store.distinguished(mailbox, 'recoverableitemsroot')) return bytes + mailbox.owner.retention.extraDumpsterBytes[mailbox.part];
  return bytes;
}
