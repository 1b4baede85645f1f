// Error values of the simulator: request-level SOAP faults (HTTP 500) and per-item response
// codes (HTTP 200, one ResponseMessage per input). Message texts follow Exchange's wording where
// it is known; clients must not match them exactly (Exchange appends details).

/** How a fault's detail differs from the usual e:ResponseCode + e:Message(= faultstring) + t:Value list. */
export interface FaultDetail {
  /** e:Message when it differs from faultstring (ErrorSchemaValidation: "The request failed schema validation."). */
  message?: string;
  /** t:MessageXml children written as <t:Name>value</t:Name> (ErrorSchemaValidation: LineNumber, LinePosition, Violation). */
  elements?: ReadonlyArray<readonly [string, string]>;
  /** A SOAP 1.1 fault code (s:MustUnderstand) instead of an EWS response code; such a fault has no EWS detail. */
  soapCode?: 'MustUnderstand';
}

/** A request-level failure, written as an HTTP 500 SOAP fault. */
export class SoapFault extends Error {
  constructor(
    readonly code: string,
    readonly text: string,
    /** Name/value pairs written into detail/t:MessageXml as t:Value elements. */
    readonly values: ReadonlyArray<readonly [string, string]> = [],
    readonly detail: FaultDetail = {},
  ) {
    super(`${code}: ${text}`);
  }
}

/**
 * ErrorSchemaValidation as Exchange writes it (the GetServiceConfiguration and CreateFolder error
 * examples of the EWS reference): faultstring "The request failed schema validation: <violation>",
 * e:Message without the violation, t:MessageXml with t:LineNumber, t:LinePosition and t:Violation.
 */
export function schemaValidationFault(violation: string, at?: { line: number; column: number }): SoapFault {
  const elements: Array<readonly [string, string]> = at
    ? [
        ['LineNumber', String(at.line)],
        ['LinePosition', String(at.column)],
      ]
    : [];
  elements.push(['Violation', violation]);
  return new SoapFault('ErrorSchemaValidation', `The request failed schema validation: ${violation}`, [], {
    message: 'The request failed schema validation.',
    elements,
  });
}

/** A per-item (or per-folder) failure, written as a ResponseMessage with ResponseClass Error. */
export interface ItemError {
  code: string;
  text: string;
  values?: ReadonlyArray<readonly [string, string]>;
}

const TEXTS: Record<string, string> = {
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorArchiveMailboxNotEnabled: 'Archive mailbox is not enabled for this user.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorInvalidIdEmpty: 'Id must be non-empty.',
  ErrorInvalidChangeKey: 'The change key is invalid.',
  ErrorCannotUseFolderIdForItemId: 'Cannot use a folder id as an item id.',
  ErrorCannotUseItemIdForFolderId: 'Cannot use an item id as a folder id.',
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorBatchProcessingStopped: 'Batch processing stopped because an earlier item failed.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorToFolderNotFound: 'The destination folder could not be found.',
  ErrorMessageDispositionRequired: 'MessageDisposition attribute is required.',
  ErrorDeleteDistinguishedFolder: 'Distinguished folders cannot be deleted.',
  ErrorFolderExists: 'A folder with the specified name already exists.',
  ErrorParentFolderNotFound: 'The parent folder could not be found.',
  ErrorInvalidParentFolder: 'The parent folder is not valid for this operation.',
  ErrorExceededFindCountLimit:
    'You have exceeded the maximum number of objects that can be returned for the find operation. Use paging to reduce the result size and try your request again.',
  ErrorInvalidPagingMaxRows: 'MaxEntriesReturned must be greater than zero.',
  ErrorInvalidIndexedPagingParameters: 'The paging parameters are invalid.',
  ErrorSendMeetingCancellationsRequired: 'SendMeetingCancellations attribute is required for calendar items.',
  ErrorAffectedTaskOccurrencesRequired: 'AffectedTaskOccurrences attribute is required for task items.',
  ErrorCannotEmptyFolder: 'The folder cannot be emptied.',
  ErrorCannotDeleteObject: 'The object cannot be deleted.',
  ErrorUnsupportedPathForQuery: 'The property path is not supported in a restriction or sort order.',
  ErrorInvalidValueForProperty: 'The value is invalid for the property.',
  ErrorInvalidOperation: 'The operation is not valid for this object.',
  ErrorInvalidPropertySet: 'The property cannot be set.',
  ErrorNameResolutionNoResults: 'No results were found.',
  ErrorNameResolutionMultipleResults: 'Multiple results were found.',
  ErrorInvalidItemForOperationExpandDL: 'The item is not a distribution list.',
  ErrorIrresolvableConflict:
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ErrorIncorrectUpdatePropertyCount: 'An object within a change description must contain one and only one property to modify.',
  ErrorInvalidPropertyAppend: 'The property does not support appending.',
  ErrorInvalidPropertyDelete: 'The property cannot be deleted.',
  ErrorMoveDistinguishedFolder: 'Distinguished folders cannot be moved.',
  ErrorMoveCopyFailed: 'The move or copy operation failed.',
  ErrorCrossMailboxMoveCopy: 'Cannot move or copy a folder between mailboxes.',
  ErrorInvalidSmtpAddress: 'The SMTP address format is invalid.',
};

export function itemError(code: string, detail?: string, values?: ReadonlyArray<readonly [string, string]>): ItemError {
  const base = TEXTS[code] ?? code;
  return { code, text: detail ? `${base}, ${detail}` : base, values };
}

/** Errors after which Exchange stops the batch: later items get Warning/ErrorBatchProcessingStopped. */
export const BATCH_STOPPING_CODES: ReadonlySet<string> = new Set([
  'ErrorAccessDenied',
  'ErrorMailboxStoreUnavailable',
  'ErrorMailboxMoveInProgress',
  'ErrorQuotaExceeded',
  'ErrorConnectionFailed',
  'ErrorADUnavailable',
  'ErrorInsufficientResources',
  'ErrorPasswordExpired',
  'ErrorAccountDisabled',
]);

export function isItemError(value: unknown): value is ItemError {
  return typeof value === 'object' && value !== null && 'code' in value && 'text' in value && !(value instanceof SoapFault);
}
