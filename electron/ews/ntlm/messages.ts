// NTLMSSP messages, client side ([MS-NLMP] 2.2.1): NEGOTIATE out, CHALLENGE in, AUTHENTICATE out.
import { parseAvPairs, type AvPair } from './avPairs';
import { CLIENT_FLAGS, CLIENT_VERSION, NEGOTIATE_UNICODE, NEGOTIATE_VERSION } from './flags';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
const NEGOTIATE = 1;
const CHALLENGE = 2;
const AUTHENTICATE = 3;
/** Fixed part of AUTHENTICATE_MESSAGE with Version and MIC. */
const AUTHENTICATE_HEADER = 88;
export const MIC_OFFSET = 72;

export function isNtlmMessage(data: Buffer): boolean {
  return data.length >= 12 && data.subarray(0, 8).equals(SIGNATURE);
}

/** NEGOTIATE_MESSAGE with no domain or workstation supplied. */
export function buildNegotiate(flags: number = CLIENT_FLAGS): Buffer {
  const out = Buffer.alloc(40);
  SIGNATURE.copy(out, 0);
  out.writeUInt32LE(NEGOTIATE, 8);
  out.writeUInt32LE(flags >>> 0, 12);
  // DomainNameFields and WorkstationFields: empty, offset just past the header.
  out.writeUInt32LE(40, 20);
  out.writeUInt32LE(40, 28);
  CLIENT_VERSION.copy(out, 32);
  return out;
}

export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetName: string;
  /** Raw TargetInfo bytes and the pairs read from them. */
  targetInfo: Buffer;
  avPairs: AvPair[];
}

function field(data: Buffer, at: number, what: string): Buffer {
  const length = data.readUInt16LE(at);
  const offset = data.readUInt32LE(at + 4);
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > data.length) throw new RangeError(`The NTLM challenge's ${what} runs past the end of the message.`);
  return Buffer.from(data.subarray(offset, offset + length));
}

/** Parses a CHALLENGE_MESSAGE; throws RangeError on anything that is not one. */
export function parseChallenge(data: Buffer): ChallengeMessage {
  if (!isNtlmMessage(data) || data.length < 48) throw new RangeError('Not an NTLM message.');
  if (data.readUInt32LE(8) !== CHALLENGE) throw new RangeError(`Expected an NTLM CHALLENGE message, got type ${data.readUInt32LE(8)}.`);
  const flags = data.readUInt32LE(20);
  const name = field(data, 12, 'target name');
  const targetInfo = field(data, 40, 'target info');
  return {
    flags,
    serverChallenge: Buffer.from(data.subarray(24, 32)),
    targetName: flags & NEGOTIATE_UNICODE ? name.toString('utf16le') : name.toString('latin1'),
    targetInfo,
    avPairs: parseAvPairs(targetInfo),
  };
}

export interface AuthenticateFields {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
}

/** AUTHENTICATE_MESSAGE (Unicode strings) with a zero MIC field; see withMic. */
export function buildAuthenticate(fields: AuthenticateFields): Buffer {
  const payloads = [
    fields.lmChallengeResponse,
    fields.ntChallengeResponse,
    Buffer.from(fields.domain, 'utf16le'),
    Buffer.from(fields.user, 'utf16le'),
    Buffer.from(fields.workstation, 'utf16le'),
    Buffer.alloc(0), // EncryptedRandomSessionKey: none without KEY_EXCH
  ];
  const header = Buffer.alloc(AUTHENTICATE_HEADER);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(AUTHENTICATE, 8);
  let offset = AUTHENTICATE_HEADER;
  payloads.forEach((payload, i) => {
    const at = 12 + i * 8;
    header.writeUInt16LE(payload.length, at);
    header.writeUInt16LE(payload.length, at + 2);
    header.writeUInt32LE(offset, at + 4);
    offset += payload.length;
  });
  header.writeUInt32LE((fields.flags | NEGOTIATE_VERSION) >>> 0, 60);
  CLIENT_VERSION.copy(header, 64);
  return Buffer.concat([header, ...payloads]);
}

/** The message with its MIC field filled in. */
export function withMic(message: Buffer, mic: Buffer): Buffer {
  const out = Buffer.from(message);
  mic.copy(out, MIC_OFFSET, 0, 16);
  return out;
}
