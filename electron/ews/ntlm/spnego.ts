// SPNEGO tokens carrying NTLM, client side (RFC 4178 section 4.2, [MS-SPNG]; explicit tags).
// The first token is wrapped as a GSS-API InitialContextToken (RFC 2743 3.1); later ones are bare.
import { TAG_ENUMERATED, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, context, decodeOid, der, encodeOid, readChildren, readDer } from './der';

export const SPNEGO_OID = '1.3.6.1.5.5.2';
export const NTLMSSP_OID = '1.3.6.1.4.1.311.2.2.10';
const APPLICATION_0 = 0x60;
const NEG_TOKEN_INIT = context(0);
const NEG_TOKEN_RESP = context(1);

export type NegState = 'accept-completed' | 'accept-incomplete' | 'reject' | 'request-mic';
const NEG_STATES: readonly NegState[] = ['accept-completed', 'accept-incomplete', 'reject', 'request-mic'];

/** The mechTypes list as DER (what a mechListMIC would sign). */
export function mechTypeList(mechs: readonly string[] = [NTLMSSP_OID]): Buffer {
  return der(TAG_SEQUENCE, ...mechs.map(encodeOid));
}

/** InitialContextToken { SPNEGO, NegTokenInit { mechTypes [NTLMSSP], mechToken } }. */
export function negTokenInit(mechToken: Buffer, mechs: readonly string[] = [NTLMSSP_OID]): Buffer {
  const init = der(TAG_SEQUENCE, der(context(0), mechTypeList(mechs)), der(context(2), der(TAG_OCTET_STRING, mechToken)));
  return der(APPLICATION_0, encodeOid(SPNEGO_OID), der(NEG_TOKEN_INIT, init));
}

export interface NegTokenResp {
  negState?: NegState;
  supportedMech?: string;
  responseToken?: Buffer;
  mechListMIC?: Buffer;
}

/** NegTokenResp with the fields given, in their ASN.1 order. */
export function negTokenResp(fields: NegTokenResp): Buffer {
  const parts: Buffer[] = [];
  if (fields.negState !== undefined) parts.push(der(context(0), der(TAG_ENUMERATED, Buffer.from([NEG_STATES.indexOf(fields.negState)]))));
  if (fields.supportedMech !== undefined) parts.push(der(context(1), encodeOid(fields.supportedMech)));
  if (fields.responseToken !== undefined) parts.push(der(context(2), der(TAG_OCTET_STRING, fields.responseToken)));
  if (fields.mechListMIC !== undefined) parts.push(der(context(3), der(TAG_OCTET_STRING, fields.mechListMIC)));
  return der(NEG_TOKEN_RESP, der(TAG_SEQUENCE, ...parts));
}

function only(content: Buffer, tag: number, what: string): Buffer {
  const node = readDer(content);
  if (node.tag !== tag || node.end !== content.length) throw new RangeError(`SPNEGO: malformed ${what}.`);
  return Buffer.from(node.content);
}

/** Reads a NegTokenResp; throws RangeError on anything else. */
export function parseNegTokenResp(token: Buffer): NegTokenResp {
  const outer = readDer(token);
  if (outer.tag !== NEG_TOKEN_RESP) throw new RangeError('SPNEGO: not a NegTokenResp.');
  const sequence = readDer(outer.content);
  if (sequence.tag !== TAG_SEQUENCE) throw new RangeError('SPNEGO: malformed NegTokenResp.');
  const out: NegTokenResp = {};
  for (const field of readChildren(sequence.content)) {
    switch (field.tag) {
      case context(0): {
        const state = NEG_STATES[only(field.content, TAG_ENUMERATED, 'negState')[0] ?? -1];
        if (state === undefined) throw new RangeError('SPNEGO: unknown negState.');
        out.negState = state;
        break;
      }
      case context(1):
        out.supportedMech = decodeOid(only(field.content, TAG_OID, 'supportedMech'));
        break;
      case context(2):
        out.responseToken = only(field.content, TAG_OCTET_STRING, 'responseToken');
        break;
      case context(3):
        out.mechListMIC = only(field.content, TAG_OCTET_STRING, 'mechListMIC');
        break;
      default:
        break; // later extensions are ignored, as RFC 4178 asks
    }
  }
  return out;
}
