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
   * The answer to an item or folder id of a mailbox the caller may not open (UNVERIFIED which
   * Exchange gives). ErrorAccessDenied also stops the batch; ErrorItemNotFound does not.
   */
  foreignIdWithoutRights: 'ErrorAccessDenied' | 'ErrorItemNotFound';
  /** The answer to an archive* distinguished id of a user without an archive (UNVERIFIED which). */
  missingArchive: 'ErrorFolderNotFound' | 'ErrorArchiveMailboxNotEnabled';
}

export const DEFAULT_SWITCHES: SemanticSwitches = {
  hardDeleteToPurges: true,
  folderSoftDelete: 'remove',
  returnNewItemIdsByDefault: true,
  stampLastActiveParentOnMove: true,
  allowEmptyRecoverableItems: true,
  foreignIdWithoutRights: 'ErrorAccessDenied',
  missingArchive: 'ErrorFolderNotFound',
};
