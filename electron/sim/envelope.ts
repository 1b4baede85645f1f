// The request envelope: SOAP 1.1 Envelope/Header/Body, RequestServerVersion, and impersonation.
import { SoapFault } from './errors';
import type { User } from './model';
import { NS_MESSAGES, NS_SOAP, NS_TYPES } from './namespaces';
import type { Store } from './store';
import { child, schemaFault, type XNode } from './xmlRead';

const SERVER_VERSIONS = new Set([
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2009',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2012',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
]);

export interface ParsedEnvelope {
  operation: XNode;
  /** The impersonated user's address from t:ExchangeImpersonation, if any. */
  impersonate: { address: string; bySid: boolean } | undefined;
}

export function readEnvelope(root: XNode): ParsedEnvelope {
  if (root.ns !== NS_SOAP || root.name !== 'Envelope') throw schemaFault('The root element must be a SOAP 1.1 Envelope.');
  const header = child(root, NS_SOAP, 'Header');
  const body = child(root, NS_SOAP, 'Body');
  if (!body) throw new SoapFault('ErrorInvalidRequest', 'The request is invalid: the envelope has no Body.');
  const [operation, ...extra] = body.children;
  if (!operation) throw new SoapFault('ErrorInvalidRequest', 'The request is invalid: the Body is empty.');
  if (extra.length > 0) throw schemaFault('The Body must hold exactly one request element.');
  if (operation.ns !== NS_MESSAGES) throw schemaFault(`The element '${operation.name}' in namespace '${operation.ns}' is not an EWS request.`);
  let impersonate: ParsedEnvelope['impersonate'];
  if (header) {
    const version = child(header, NS_TYPES, 'RequestServerVersion');
    if (version) {
      const value = version.attrs['Version'];
      if (value === undefined || !SERVER_VERSIONS.has(value)) throw new SoapFault('ErrorInvalidServerVersion', 'The specified server version is invalid.');
    }
    const impersonation = child(header, NS_TYPES, 'ExchangeImpersonation');
    if (impersonation) {
      const sid = child(impersonation, NS_TYPES, 'ConnectingSID');
      const target = sid?.children[0];
      if (!sid || !target || target.ns !== NS_TYPES || !['PrincipalName', 'SID', 'PrimarySmtpAddress', 'SmtpAddress'].includes(target.name)) {
        throw new SoapFault('ErrorInvalidExchangeImpersonationHeaderData', 'The impersonation header is invalid.');
      }
      impersonate = { address: target.text.trim(), bySid: target.name === 'SID' };
    }
  }
  return { operation, impersonate };
}

/** Who the request acts as: impersonation needs the right, and the target must exist (both faults). */
export function actingUser(store: Store, caller: User, impersonate: ParsedEnvelope['impersonate']): User {
  if (!impersonate) return caller;
  if (!caller.canImpersonate) {
    throw new SoapFault('ErrorImpersonateUserDenied', 'The account does not have permission to impersonate the requested user.');
  }
  const target = impersonate.bySid ? undefined : store.user(impersonate.address);
  if (!target) throw new SoapFault('ErrorNonExistentMailbox', `The SMTP address has no mailbox associated with it.`, [['SmtpAddress', impersonate.address]]);
  return target;
}
