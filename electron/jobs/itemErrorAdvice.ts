// What a per-item Exchange error means for the admin, and what to do about it. Exchange's own
// MessageText is often terse ("The specified object was not found in the store."); the results
// table shows this advice with Exchange's words after it. The audit export keeps Exchange's text
// as it came (see report.ts).

/** Per response code (ResponseCodeType in messages.xsd): plain words and, where there is one, the next step. */
const ADVICE: Readonly<Record<string, string>> = {
  // Exchange answers "not found" for what the account may not open ("Handling delegation-related
  // errors in EWS"), so these two name both causes.
  ErrorItemNotFound:
    'Exchange did not find the item for this account: something else deleted or moved it in the meantime, or the account may not open the mailbox or folder it is in (no FullAccess or impersonation right).',
  ErrorFolderNotFound:
    'Exchange did not find the folder for this account: it was deleted or moved, or the account may not open it (no FullAccess or impersonation right): refresh the folder tree and check the rights.',
  ErrorAccessDenied:
    'Exchange refused to let this account change the item: it may read it but not change it (for example read-only permission, or delegate access where Exchange keeps Recoverable Items to the owner), or the item is protected.',
  ErrorQuotaExceeded: 'The mailbox is over its storage quota, so Exchange refused to put the item there: free space or raise the quota, then retry.',
  ErrorServerBusy: 'Exchange stayed too busy (throttling) for this item even after waiting as asked: retry later.',
  ErrorBatchProcessingStopped: 'Exchange stopped the batch after an earlier item failed, so this one was not processed: retry it.',
  ErrorExceededConnectionCount: 'This account had too many connections to Exchange at once: retry with fewer jobs running.',
  ErrorMoveCopyFailed: 'Exchange could not move or copy this item (often a damaged or very large item): retry, and open it in Outlook if it fails again.',
  ErrorToFolderNotFound: 'The destination folder no longer exists: refresh the folder tree and choose another.',
  // Exchange answers this per item for a purge in Purges or DiscoveryHolds while a hold (or single
  // item recovery) keeps them (EWS-FACTS §7); otherwise for system or protected items.
  ErrorCannotDeleteObject:
    'Exchange does not allow deleting this item: the mailbox is on hold (or has single item recovery), which keeps everything in Purges and DiscoveryHolds until the hold is removed; otherwise it is a system or protected item. Get-Mailbox <mailbox> | fl LitigationHoldEnabled,InPlaceHolds,SingleItemRecoveryEnabled tells which.',
  ErrorDeleteItemsFailed: 'Exchange could not delete this item: retry.',
  ErrorInternalServerError: "Exchange hit an internal error on this item: retry; if it persists, look in the server's application event log.",
  ErrorInternalServerTransientError: 'A temporary Exchange error: retry.',
  ErrorMailboxStoreUnavailable: 'The mailbox database was unavailable (failover or maintenance): retry once it is mounted.',
  ErrorMailboxFailover: 'The mailbox database was failing over to another server: retry.',
  ErrorMailboxMoveInProgress: 'The mailbox is being moved to another database: retry once the move has finished.',
  ErrorTimeoutExpired: 'Exchange ran out of time on this item: retry.',
  ErrorStaleObject: 'The item changed while the job ran: retry.',
  ErrorItemCorrupt: 'The item is damaged in the mailbox database, so Exchange cannot act on it: repair the mailbox (New-MailboxRepairRequest), then retry.',
  ErrorCorruptData: 'The item is damaged in the mailbox database, so Exchange cannot act on it: repair the mailbox (New-MailboxRepairRequest), then retry.',
  ErrorInvalidIdMalformed: 'The item id is not one this mailbox issued (from another mailbox, or damaged).',
  ErrorInvalidId: 'The item id is not one this mailbox issued (from another mailbox, or damaged).',
  ErrorCrossMailboxMoveCopy: 'Exchange cannot move or copy this item into another mailbox.',
  ErrorCannotDeleteTaskOccurrence: 'This is one occurrence of a recurring task: delete the whole task instead.',
  ErrorCalendarCannotMoveOrCopyOccurrence: 'This is one occurrence of a recurring meeting: move or copy the whole series instead.',
  ErrorMessageSizeExceeded: 'The item is larger than Exchange allows for this operation.',
  ErrorNonExistentMailbox: 'The mailbox does not exist (any more): check the address the job was run against.',
};

/** Every code with advice (the tests check each against the schema's ResponseCodeType). */
export const ADVISED_CODES: readonly string[] = Object.keys(ADVICE);

/**
 * The message for one failed item: the advice for its code with Exchange's own text after it,
 * or Exchange's text alone for codes without advice.
 */
export function explainItemError(code: string | undefined, serverText: string | undefined): string | undefined {
  const advice = code === undefined ? undefined : ADVICE[code];
  const said = serverText?.trim();
  if (advice === undefined) return said === '' ? undefined : said;
  if (said === undefined || said === '' || said === code) return advice;
  return `${advice} Exchange said: “${said}”`;
}
