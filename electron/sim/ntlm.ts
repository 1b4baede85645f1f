// The server side of NTLMv2 ([MS-NLMP]), written from the spec for the simulator (it shares no
// code with the client): a CHALLENGE_MESSAGE for a NEGOTIATE_MESSAGE, and the check of an
// AUTHENTICATE_MESSAGE — NTProofStr = HMAC-MD5(NTOWFv2, ServerChallenge ‖ temp), with
// NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) ‖ domain)) over the names as
// the client sent them. NTLMv1 and LM-only answers are refused. Channel binding is read from the
// client's AV pairs so that Extended Protection can be enforced by the caller.
import { createHmac, randomBytes } from 'node:crypto';
import { createMD4 } from 'hash-wasm';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
export const NETBIOS_DOMAIN = 'CONTOSO';
const NETBIOS_COMPUTER = 'SIM-EX01';
const DNS_DOMAIN = 'contoso.com';
const DNS_COMPUTER = 'ex01.contoso.com';

// NEGOTIATE flags of the challenge (MS-NLMP 2.2.2.5).
const FLAGS =
  0x00000001 | // UNICODE
  0x00000004 | // REQUEST_TARGET
  0x00000200 | // NTLM
  0x00008000 | // ALWAYS_SIGN
  0x00010000 | // TARGET_TYPE_DOMAIN
  0x00080000 | // EXTENDED_SESSIONSECURITY
  0x00800000 | // TARGET_INFO
  0x02000000 | // VERSION
  0x20000000 | // 128
  0x80000000; // 56

const AV_EOL = 0;
const AV_CHANNEL_BINDINGS = 0x000a;

export function isNtlmToken(token: Buffer): boolean {
  return token.length >= 12 && token.subarray(0, 8).equals(SIGNATURE);
}

export function messageType(token: Buffer): number {
  return isNtlmToken(token) ? token.readUInt32LE(8) : 0;
}

const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

function fileTimeNow(): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n);
  return out;
}

/** A CHALLENGE_MESSAGE with a fresh 8-byte server challenge. */
export function challengeMessage(): { message: Buffer; serverChallenge: Buffer } {
  const serverChallenge = randomBytes(8);
  const targetName = utf16(NETBIOS_DOMAIN);
  const targetInfo = Buffer.concat([
    avPair(2, utf16(NETBIOS_DOMAIN)),
    avPair(1, utf16(NETBIOS_COMPUTER)),
    avPair(4, utf16(DNS_DOMAIN)),
    avPair(3, utf16(DNS_COMPUTER)),
    avPair(7, fileTimeNow()),
    avPair(AV_EOL, Buffer.alloc(0)),
  ]);
  const fixed = 56;
  const head = Buffer.alloc(fixed);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(targetName.length, 12);
  head.writeUInt16LE(targetName.length, 14);
  head.writeUInt32LE(fixed, 16);
  head.writeUInt32LE(FLAGS >>> 0, 20);
  serverChallenge.copy(head, 24);
  head.writeUInt16LE(targetInfo.length, 40);
  head.writeUInt16LE(targetInfo.length, 42);
  head.writeUInt32LE(fixed + targetName.length, 44);
  Buffer.from([10, 0, 0x63, 0x45, 0, 0, 0, 15]).copy(head, 48); // version 10.0.17763, NTLM revision 15
  return { message: Buffer.concat([head, targetName, targetInfo]), serverChallenge };
}

export interface AuthenticateFields {
  user: string;
  domain: string;
  ntResponse: Buffer;
}

function field(token: Buffer, at: number): Buffer {
  const length = token.readUInt16LE(at);
  const offset = token.readUInt32LE(at + 4);
  if (offset + length > token.length) throw new RangeError('NTLM field outside the message');
  return token.subarray(offset, offset + length);
}

/** The names and NT response of an AUTHENTICATE_MESSAGE (type 3); throws RangeError when malformed. */
export function readAuthenticate(token: Buffer): AuthenticateFields {
  if (messageType(token) !== 3 || token.length < 64) throw new RangeError('not an AUTHENTICATE_MESSAGE');
  const unicode = (token.readUInt32LE(60) & 1) === 1;
  const text = (bytes: Buffer): string => (unicode ? bytes.toString('utf16le') : bytes.toString('latin1'));
  return { ntResponse: Buffer.from(field(token, 20)), domain: text(field(token, 28)), user: text(field(token, 36)) };
}

async function md4(data: Buffer): Promise<Buffer> {
  const hasher = await createMD4();
  hasher.init();
  hasher.update(data);
  return Buffer.from(hasher.digest('binary'));
}

const hmacMd5 = (key: Buffer, ...data: Buffer[]): Buffer => {
  const mac = createHmac('md5', key);
  for (const part of data) mac.update(part);
  return mac.digest();
};

export async function ntowfv2(password: string, user: string, domain: string): Promise<Buffer> {
  return hmacMd5(await md4(utf16(password)), utf16(user.toUpperCase() + domain));
}

/** True when the NTLMv2 response proves the password for these names and this server challenge. */
export async function verifyNtlmv2(fields: AuthenticateFields, password: string, serverChallenge: Buffer): Promise<boolean> {
  // An NTLMv1 answer is exactly 24 bytes; NTLMv2 carries a 16-byte proof and the client blob.
  if (fields.ntResponse.length <= 24) return false;
  const proof = fields.ntResponse.subarray(0, 16);
  const temp = fields.ntResponse.subarray(16);
  const expected = hmacMd5(await ntowfv2(password, fields.user, fields.domain), serverChallenge, temp);
  return expected.equals(proof);
}

/** MsvAvChannelBindings from the client blob's AV pairs (temp starts with 28 fixed bytes). */
export function channelBindingsOf(fields: AuthenticateFields): Buffer | undefined {
  const pairs = fields.ntResponse.subarray(16 + 28);
  for (let at = 0; at + 4 <= pairs.length;) {
    const id = pairs.readUInt16LE(at);
    const length = pairs.readUInt16LE(at + 2);
    if (id === AV_EOL) return undefined;
    if (id === AV_CHANNEL_BINDINGS) return Buffer.from(pairs.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return undefined;
}
