// SOAP fault → EwsError. The detail is lax in the schema, so every part is optional:
// faultcode is a QName (a:ErrorServerBusy), faultstring may carry xml:lang,
// detail/e:ResponseCode may be padded with whitespace.
import { EwsError } from './errors';
import { backOffFrom, readMessageXml } from './messageXml';
import { childText, firstChild, type XNode } from './xmlTree';

/** Fault codes that mean "the request may succeed later". */
const TRANSIENT_FAULTS = new Set([
  'ErrorServerBusy',
  'ErrorExceededConnectionCount',
  'ErrorTimeoutExpired',
  'ErrorMailboxStoreUnavailable',
  'ErrorTooManyObjectsOpened',
  'ErrorInternalServerTransientError',
]);

function localName(qname: string): string {
  const colon = qname.lastIndexOf(':');
  return (colon >= 0 ? qname.slice(colon + 1) : qname).trim();
}

function describeFault(code: string, serverText: string, backOffMs: number | undefined, impersonating: string | undefined): string {
  const said = serverText ? ` Exchange said: "${serverText}"` : '';
  switch (code) {
    case 'ErrorServerBusy':
      return backOffMs !== undefined
        ? `Exchange is throttling this account (server busy); it asks to wait ${Math.ceil(backOffMs / 1000)} s before retrying.`
        : 'Exchange is throttling this account (server busy); retry after a pause.';
    case 'ErrorExceededConnectionCount':
      return 'Too many simultaneous requests for this account (EWS concurrency limit); retry with fewer parallel requests.';
    case 'ErrorImpersonateUserDenied':
    case 'ErrorImpersonationDenied':
      return `The service account may not impersonate ${impersonating ?? 'this mailbox'}: grant it the ApplicationImpersonation role.${said}`;
    case 'ErrorNonExistentMailbox':
      return `The mailbox ${impersonating ?? ''} does not exist on this Exchange organisation.${said}`.replace('  ', ' ');
    case 'ErrorSchemaValidation':
      return `Exchange rejected the request as malformed (schema validation); this is a Mailbox Sweeper bug, please report it.${said}`;
    case 'ErrorInvalidServerVersion':
      return `Exchange does not accept the requested server version; choose another version in the connection settings.${said}`;
    default:
      return `Exchange refused the request (${code}).${said}`;
  }
}

export function faultToError(fault: XNode, status: number, impersonating: string | undefined): EwsError {
  const faultCode = localName(childText(fault, 'faultcode') ?? '');
  const faultString = (childText(fault, 'faultstring') ?? '').trim();
  const detail = firstChild(fault, 'detail');
  const detailCode = detail ? (childText(detail, 'ResponseCode') ?? '').trim() : '';
  const messageXml = readMessageXml(detail ? firstChild(detail, 'MessageXml') : undefined);
  const responseCode = detailCode || faultCode || 'UnknownFault';
  const backOffMs = backOffFrom(messageXml);
  return new EwsError('fault', describeFault(responseCode, faultString, backOffMs, impersonating), {
    status,
    responseCode,
    backOffMs,
    messageXml,
    serverMessage: faultString || undefined,
    retryable: TRANSIENT_FAULTS.has(responseCode),
  });
}
