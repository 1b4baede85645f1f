// Strict requests: before dispatch, the whole request is checked against the request grammar the
// way Exchange validates it against messages.xsd/types.xsd, so unknown child elements, wrong
// order, missing required parts, unknown FieldURIs and bad enum values are refused with
// ErrorSchemaValidation (naming the element, with its line and position) instead of ignored.
// Also here: unknown operations, a SOAPAction naming another operation, unknown SOAP headers.
import { schemaValidationFault, SoapFault } from '../errors';
import { NS_MESSAGES, NS_SOAP, NS_TYPES } from '../namespaces';
import type { SemanticSwitches } from '../switches';
import type { XNode } from '../xmlRead';
import type { ComplexType } from './model';
import { OPERATION_TYPES } from './operations';
import { locate } from './position';
import { isSimpleType } from './simpleTypes';
import { COMMON_TYPES } from './typesCommon';
import { ITEM_TYPES } from './typesItems';
import { GrammarViolation, referencedTypes, validateComplex, type TypeTable } from './validate';

export const REQUEST_TYPES: TypeTable = { ...COMMON_TYPES, ...ITEM_TYPES };

/** The SOAP headers of Services.wsdl (all in the types namespace), by element name. */
const HEADER_TYPES: Readonly<Record<string, ComplexType>> = {
  RequestServerVersion: COMMON_TYPES.RequestServerVersion as ComplexType,
  ExchangeImpersonation: COMMON_TYPES.ExchangeImpersonation as ComplexType,
  MailboxCulture: COMMON_TYPES.MailboxCulture as ComplexType,
  TimeZoneContext: COMMON_TYPES.TimeZoneContext as ComplexType,
  DateTimePrecision: COMMON_TYPES.DateTimePrecision as ComplexType,
  ManagementRole: COMMON_TYPES.ManagementRole as ComplexType,
};

/** Operations the grammar covers. */
export const GRAMMAR_OPERATIONS: readonly string[] = Object.keys(OPERATION_TYPES);

// A misspelt type name in the tables would otherwise surface only when a request reaches it.
for (const type of [...Object.values(REQUEST_TYPES), ...Object.values(OPERATION_TYPES)]) {
  for (const name of referencedTypes(type)) {
    if (name !== 'Lax' && !isSimpleType(name) && !(name in REQUEST_TYPES)) throw new Error(`request grammar: unknown type '${name}'`);
  }
}

export interface RequestCheck {
  /** The parsed request document (soap:Envelope). */
  root: XNode;
  /** The Body's request element. */
  operation: XNode;
  /** The request text, to give a violation's line and position. */
  text: string;
  /** The SOAPAction HTTP header, if sent. */
  soapAction: string | undefined;
  switches: Pick<SemanticSwitches, 'unknownOperation' | 'soapActionMismatch'>;
}

/** Only a table's own entries: m:constructor or m:toString must find nothing, not Object.prototype's. */
const own = <T>(table: Readonly<Record<string, T>>, name: string): T | undefined => (Object.hasOwn(table, name) ? table[name] : undefined);

const INVALID_REQUEST = 'The request is invalid.';

function unknownOperation(operation: XNode, mode: SemanticSwitches['unknownOperation']): SoapFault {
  if (mode === 'ErrorInvalidRequest') return new SoapFault('ErrorInvalidRequest', INVALID_REQUEST);
  return schemaValidationFault(`The element '${operation.name}' in namespace '${operation.ns}' is not an EWS request element.`);
}

/** SOAPAction is optional (Exchange dispatches on the body); when sent it must name the body's operation. */
function checkSoapAction(check: RequestCheck): void {
  const action = check.soapAction?.trim().replace(/^"(.*)"$/, '$1');
  if (action === undefined || action === '' || check.switches.soapActionMismatch === 'ignore') return;
  if (action !== `${NS_MESSAGES}/${check.operation.name}`) {
    throw new SoapFault(
      'ErrorInvalidRequest',
      `${INVALID_REQUEST} The SOAPAction '${action}' does not name the request's operation '${check.operation.name}'.`,
    );
  }
}

const isTrue = (v: string | undefined): boolean => v !== undefined && (v.trim() === '1' || v.trim() === 'true');

/** Known headers are validated; unknown ones are ignored unless they demand to be understood (SOAP 1.1 §4.2.3). */
function checkHeaders(header: XNode | undefined): void {
  for (const entry of header?.children ?? []) {
    const type = entry.ns === NS_TYPES ? own(HEADER_TYPES, entry.name) : undefined;
    if (type) {
      validateComplex(entry, type, REQUEST_TYPES);
      continue;
    }
    const mustUnderstand = Object.entries(entry.attrs).find(([name]) => name.endsWith(':mustUnderstand'))?.[1];
    if (isTrue(mustUnderstand)) {
      throw new SoapFault('MustUnderstand', `The header '${entry.name}' in namespace '${entry.ns}' was not understood.`, [], { soapCode: 'MustUnderstand' });
    }
  }
}

/** Throws the fault Exchange answers a malformed request with; returns when the request may run. */
export function checkRequest(check: RequestCheck): void {
  const type = check.operation.ns === NS_MESSAGES ? own(OPERATION_TYPES, check.operation.name) : undefined;
  if (!type) throw unknownOperation(check.operation, check.switches.unknownOperation);
  checkSoapAction(check);
  try {
    checkHeaders(check.root.children.find((c) => c.ns === NS_SOAP && c.name === 'Header'));
    validateComplex(check.operation, type, REQUEST_TYPES);
  } catch (error) {
    if (!(error instanceof GrammarViolation)) throw error;
    throw schemaValidationFault(error.violation, locate(check.text, check.root, error.node, error.attribute));
  }
}
