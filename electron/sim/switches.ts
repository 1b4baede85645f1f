// Behaviour switches for points EWS-FACTS marks UNVERIFIED or where Microsoft's docs conflict.
export interface SemanticSwitches {
  /**
   * HardDelete of an item moves it to recoverableitemspurges (MSD: "to Purges"; OXD: only with
   * single item recovery or a hold). true = MSD's reading; false = purged outright.
   */
  hardDeleteToPurges: boolean;
  /**
   * DeleteFolder with SoftDelete, where the docs conflict: 'remove' = removed permanently, as the
   * deleting-items article and deleteitem.md say (folders cannot be soft-deleted; soft- or
   * hard-deleted folders are removed, never into Purges) and EWS-FACTS recommends; 'dumpster' =
   * moved under recoverableitemsdeletions as deletefolder.md says; 'error' = per-folder
   * ErrorCannotDeleteObject, for clients that want to prove they never send it.
   */
  folderSoftDelete: 'remove' | 'dumpster' | 'error';
  /** MoveItem/CopyItem without m:ReturnNewItemIds return the new ids (believed true; UNVERIFIED). */
  returnNewItemIdsByDefault: boolean;
  /**
   * MoveItem into Deleted Items or the dumpster stamps LastActiveParentEntryId like a delete
   * does (which operations set 0x348A is UNVERIFIED; Outlook's "restore" relies on it being set).
   */
  stampLastActiveParentOnMove: boolean;
  /** EmptyFolder may empty recoverableitems* folders (UNVERIFIED); false = ErrorCannotEmptyFolder. */
  allowEmptyRecoverableItems: boolean;
  /**
   * The answer to anything of a mailbox the caller may not open (no FullAccess, not its
   * impersonated owner): an item id, a folder id, or a DistinguishedFolderId with t:Mailbox.
   * 'notFound' (default) = ErrorItemNotFound for items, ErrorFolderNotFound for folders, as
   * Microsoft's "Handling delegation-related errors in EWS in Exchange" says for an operation "on a
   * mailbox, folder, or item that you do not have access to"; these do not stop the batch.
   * 'ErrorAccessDenied' = what clients have reported instead (gautamsi/ews-javascript-api#279:
   * binding another user's Calendar by t:Mailbox answered "Access is denied. Check credentials and
   * try again., Can't look up the requested Entry ID."); it stops the batch (ResponseCode reference,
   * ErrorBatchProcessingStopped). Kept as a switch because the article and those reports disagree.
   */
  foreignIdWithoutRights: 'notFound' | 'ErrorAccessDenied';
  /**
   * Recoverable Items (the dumpster folders and their items) of another user's mailbox opened by
   * delegate access (FullAccess, no impersonation). Whether Exchange lets a FullAccess caller in is
   * UNVERIFIED (EWS-FACTS §7 "Visibility": exchangelib tolerates ErrorAccessDenied there; Exchange
   * Online has ErrorRecoverableItemsAccessDenied, not in the schema). 'open' = like the owner;
   * 'ErrorAccessDenied' = refused per folder or item. Impersonation acts as the owner and is never
   * refused by this switch.
   */
  delegateRecoverableItems: 'open' | 'ErrorAccessDenied';
  /** The answer to an archive* distinguished id of a user without an archive (UNVERIFIED which). */
  missingArchive: 'ErrorFolderNotFound' | 'ErrorArchiveMailboxNotEnabled';
}

export const DEFAULT_SWITCHES: SemanticSwitches = {
  hardDeleteToPurges: true,
  folderSoftDelete: 'remove',
  returnNewItemIdsByDefault: true,
  stampLastActiveParentOnMove: true,
  allowEmptyRecoverableItems: true,
  foreignIdWithoutRights: 'notFound',
  delegateRecoverableItems: 'open',
  missingArchive: 'ErrorFolderNotFound',
};
