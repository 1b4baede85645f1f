// Behaviour switches for points EWS-FACTS marks UNVERIFIED or where Microsoft's docs conflict.
export interface SemanticSwitches {
  // No switch for where HardDelete sends an item: MSD (deleting-items-by-using-ews-in-exchange.md,
  // deleteitem.md) says "to Purges" unconditionally, OXD's table says Purges only with single item
  // recovery or a hold, else purged at once. Issue 9 rule 4 decided for OXD's reading, per mailbox
  // (retention.ts): SIR or a hold on → Purges, else gone. Purging inside the dumpster follows it too.
  /**
   * DeleteFolder with SoftDelete, where the docs conflict: 'remove' = the folder is removed
   * permanently, as the deleting-items article and deleteitem.md say (folders cannot be
   * soft-deleted; soft- or hard-deleted folders are removed, never into Purges) and EWS-FACTS
   * recommends, while its items stay recoverable: each goes to recoverableitemsdeletions stamped
   * with LastActiveParentEntryId = the source key of the (now gone) folder it was in (issue 9 §1.1;
   * OXD: deleting a folder soft-deletes its contents); 'dumpster' = the folder itself moves under
   * recoverableitemsdeletions as deletefolder.md says; 'error' = per-folder ErrorCannotDeleteObject,
   * for clients that want to prove they never send it.
   */
  folderSoftDelete: 'remove' | 'dumpster' | 'error';
  /**
   * Purging (HardDelete, SoftDelete, EmptyFolder) items in Purges or DiscoveryHolds of a mailbox
   * with single item recovery on but no hold. Under a hold it is always refused
   * (ErrorCannotDeleteObject, observed on Exchange Online, EWS-FACTS §7). With SIR alone: OXD says
   * users can purge the dumpster only while SIR and holds are off, and the SingleItemRecoveryEnabled
   * reference says SIR "prevents the Recovery Items folder from being purged", but what EWS answers
   * is UNVERIFIED. 'refuse' = the same ErrorCannotDeleteObject; 'purge' = gone as without SIR.
   */
  purgesUnderSingleItemRecovery: 'refuse' | 'purge';
  /**
   * The per-item answer to a delete that would put an item into a full Recoverable Items folder
   * (RecoverableItemsQuota reached). 'innerQuotaExceededOnDelete' = ErrorInternalServerError with
   * InnerErrorResponseCode ErrorQuotaExceededOnDelete, as observed on Exchange Online (the inner
   * code is NOT IN SCHEMA, hence wrapped); 'ErrorQuotaExceeded' = the schema's mailbox-quota code,
   * which stops the batch. On-premises behaviour is UNVERIFIED (EWS-FACTS §7).
   */
  recoverableItemsFullError: 'innerQuotaExceededOnDelete' | 'ErrorQuotaExceeded';
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
  /**
   * A SortOrder on a multi-valued property (item:Categories), UNVERIFIED for Exchange 2016/2019.
   * 'refuse' = per-folder ErrorUnsupportedPathForSortGroup: MAPI stores refuse a plain sort on a
   * multi-valued column (MAPI_E_NO_SUPPORT without MVI_FLAG, as grommunio-web#156 describes);
   * 'firstValue' = sort by the first category, items without one first when ascending.
   */
  multiValuedSort: 'refuse' | 'firstValue';
  /**
   * Whose throttling budget (time budget and concurrency) an impersonated request is charged to.
   * 'impersonated' = a budget per impersonated mailbox, shared by all accounts impersonating it and
   * apart from the owner's own: the Exchange team's "More throttling changes for Exchange Online"
   * (2012: "charged against the target mailbox instead of the service account ... a copy of the
   * target mailbox quota"), and ews-throttling-in-exchange.md Table 2 (target mailbox from Exchange
   * 2010 SP2 RU4 on, 2013 and Online, for EWSMaxSubscriptions; "the service account has a separate
   * budget"). 'caller' = the service account's own budget, the reading of older on-premises
   * guidance (the same article: "either calculated against the account that is impersonated, or the
   * service account", depending on version). No document states 2016/2019 charge the caller, so
   * the documented behaviour is the default.
   */
  throttleBudgetOwner: 'impersonated' | 'caller';
  /**
   * What the inputs of a batch get once it has used its execution time (one minute; the throttling
   * article only says "the call could time out"). 'innerServerBusy' = each remaining input gets the
   * documented HTTP 200 throttling form, ErrorInternalServerError with inner ErrorServerBusy
   * (ews-throttling-in-exchange.md Table 4; no BackOffMilliseconds is documented there);
   * 'ErrorTimeoutExpired' = each remaining input gets that response code (in the schema, described
   * only as a timeout; EWS-FACTS §6 "maybe ErrorTimeoutExpired", UNVERIFIED); 'timeoutFault' = the
   * whole request answers an HTTP 500 ErrorTimeoutExpired fault although the inputs before the
   * limit were carried out ("the call could time out" read literally). Default: the only
   * documented shape.
   */
  batchTimeLimit: 'innerServerBusy' | 'ErrorTimeoutExpired' | 'timeoutFault';
  /**
   * MoveFolder/CopyFolder into another mailbox (primary ↔ archive, or another user's). The
   * references only say the operations work "in a mailbox"; ResponseCode lists
   * ErrorCrossMailboxMoveCopy for moves and copies between mailboxes; what Exchange does for
   * folders is UNVERIFIED. 'ErrorCrossMailboxMoveCopy' = refused per folder; 'allow' = the folder
   * arrives with new ids (ids carry their mailbox).
   */
  crossMailboxFolderMoveCopy: 'ErrorCrossMailboxMoveCopy' | 'allow';
  /**
   * UpdateItem with ConflictResolution AutoResolve and a stale ChangeKey. MS-OXWSCORE 3.1.4.9.4.1:
   * AutoResolve "will in most cases overwrite the existing value"; the EWS Managed API's
   * ConflictResolutionMode says changes apply "unless the server-side copy is more recent". The
   * simulator keeps no per-property history to tell the cases apart. 'overwrite' = applied, the
   * conflict counted in ConflictResults; 'ErrorIrresolvableConflict' = refused as NeverOverwrite is.
   */
  autoResolveStaleChangeKey: 'overwrite' | 'ErrorIrresolvableConflict';
  /**
   * The answer to a Body element that is no EWS request (m:DeleteItems, m:NoSuchOperation).
   * UNVERIFIED: no Microsoft page or trace shows it. Exchange validates requests with .NET against
   * messages.xsd, but soap:Body is processContents="lax", so an undeclared element may pass
   * validation and fail only at dispatch. 'ErrorSchemaValidation' = a schema fault naming the
   * element (what the simulator always answered); 'ErrorInvalidRequest' = "The request is
   * invalid.", the fault [MS-OXWUMS] 2.2.2.1 specifies for malformed requests to Exchange's SOAP
   * services and the one EWS gives for an empty Body (EWS-FACTS §2).
   */
  unknownOperation: 'ErrorSchemaValidation' | 'ErrorInvalidRequest';
  /**
   * A SOAPAction header naming another operation than the Body's element. UNVERIFIED: EWS
   * dispatches on the Body and SOAPAction is optional (EWS-FACTS §1); no source says what a
   * contradicting one gets. 'ErrorInvalidRequest' = refused with an HTTP 500 ErrorInvalidRequest
   * fault (issue 9 §1.10 asks for refusal); 'ignore' = the Body decides, the header is not read.
   */
  soapActionMismatch: 'ErrorInvalidRequest' | 'ignore';
  /**
   * Taking an item out of Purges or DiscoveryHolds while its mailbox is on hold: MoveItem to any
   * folder, or DeleteItem MoveToDeletedItems. UNVERIFIED: no document or trace shows it. What is
   * known: under a hold nothing in Purges or DiscoveryHolds is purged (OXD), deleting inside the
   * dumpster under a hold answered ErrorCannotDeleteObject (EWS-FACTS §7, Exchange Online), and a
   * move is a copy plus a delete of the original (EWS-FACTS §3, the old id dies).
   * 'ErrorCannotDeleteObject' (default) = the delete half is refused, so the move is, per item,
   * nothing moved: held items cannot escape the hold; 'allow' = moved like any other item.
   */
  heldDumpsterMoveOut: 'ErrorCannotDeleteObject' | 'allow';
  /**
   * DeleteItem (and EmptyFolder) MoveToDeletedItems of an item already in Deleted Items or one of
   * its subfolders. UNVERIFIED: the references only say MoveToDeletedItems moves items to Deleted
   * Items. 'softDelete' (default) = as SoftDelete, into recoverableitemsdeletions: what "delete"
   * does there in Outlook and OWA, and what the simulator already does for folders deleted that
   * way from inside Deleted Items (deletion.ts); 'move' = moved into Deleted Items again (a new id).
   */
  moveToDeletedItemsInDeletedItems: 'softDelete' | 'move';
  /**
   * EmptyFolder and a folder's associated (FAI) items: rules, views, configuration. UNVERIFIED
   * for EWS, whose EmptyFolder has no flag for them. The store's own empty operation removes FAI
   * messages only when asked ([MS-OXCFOLD] 3.2.5.9, RopEmptyFolder WantDeleteAssociated), and the
   * EmptyFolder references speak of messages and subfolders only. 'keep' (default) = left in
   * place; 'delete' = removed outright with the folder's messages (FAI items go nowhere else:
   * the ResponseCode reference allows them only HardDelete, never a move).
   */
  emptyFolderAssociated: 'keep' | 'delete';
  /**
   * GetFolder on the hidden `System` folder under root. exchangelib marks it get_folder_allowed =
   * False (known_folders.py) after ecederstrand/exchangelib#862: GetFolder on such a folder
   * answered ErrorAccessDenied and stopped the batch (ErrorBatchProcessingStopped), while FindFolder
   * lists it; Exchange Online words it "Not allowed to access Non IPM folder." (#1290). A trace on a
   * 15.2 server in #1301 shows GetFolder on System succeeding. 'ErrorAccessDenied' (default, the
   * maintainers' reading) | 'allow'.
   */
  systemFolderGetFolder: 'ErrorAccessDenied' | 'allow';
}

export const DEFAULT_SWITCHES: SemanticSwitches = {
  folderSoftDelete: 'remove',
  purgesUnderSingleItemRecovery: 'refuse',
  recoverableItemsFullError: 'innerQuotaExceededOnDelete',
  returnNewItemIdsByDefault: true,
  stampLastActiveParentOnMove: true,
  allowEmptyRecoverableItems: true,
  foreignIdWithoutRights: 'notFound',
  delegateRecoverableItems: 'open',
  missingArchive: 'ErrorFolderNotFound',
  multiValuedSort: 'refuse',
  throttleBudgetOwner: 'impersonated',
  batchTimeLimit: 'innerServerBusy',
  crossMailboxFolderMoveCopy: 'ErrorCrossMailboxMoveCopy',
  autoResolveStaleChangeKey: 'overwrite',
  unknownOperation: 'ErrorSchemaValidation',
  soapActionMismatch: 'ErrorInvalidRequest',
  heldDumpsterMoveOut: 'ErrorCannotDeleteObject',
  moveToDeletedItemsInDeletedItems: 'softDelete',
  emptyFolderAssociated: 'keep',
  systemFolderGetFolder: 'ErrorAccessDenied',
};
