// TEST-ONLY NTLM client for the simulator's tests, written from [MS-NLMP] 2.2.1 and 3.3.2 and
// RFC 4178 on its own (it imports neither electron/ews nor the simulator's NTLM code), so the
// simulator's verifier is checked against an independent sender.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { md4 } from 'hash-wasm';

const SIG = Buffer.from('NTLMSSP\0', 'latin1');
// UNICODE, REQUEST_TARGET, NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, TARGET_INFO, 128, 56
const FLAGS = (0x1 | 0x4 | 0x200 | 0x8000 | 0x80000 | 0x800000 | 0x20000000 | 0x80000000) >>> 0;

export function negotiateMessage(): Buffer {
  const out = Buffer.alloc(32);
  SIG.copy(out);
  out.writeUInt32LE(1, 8);
  out.writeUInt32LE(FLAGS, 12);
  return out;
}

export interface Challenge {
  serverChallenge: Buffer;
  targetInfo: Buffer;
  flags: number;
  targetName: string;
}

export function readChallenge(token: Buffer): Challenge {
  if (!token.subarray(0, 8).equals(SIG) || token.readUInt32LE(8) !== 2) throw new Error('not a CHALLENGE_MESSAGE');
  const at = (o: number): Buffer => token.subarray(token.readUInt32LE(o + 4), token.readUInt32LE(o + 4) + token.readUInt16LE(o));
  return {
    targetName: at(12).toString('utf16le'),
    flags: token.readUInt32LE(20),
    serverChallenge: Buffer.from(token.subarray(24, 32)),
    targetInfo: Buffer.from(at(40)),
  };
}

/** AV pairs by id, up to MsvAvEOL. */
export function avPairs(list: Buffer): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (let i = 0; i + 4 <= list.length;) {
    const id = list.readUInt16LE(i);
    const len = list.readUInt16LE(i + 2);
    if (id === 0) break;
    out.set(id, list.subarray(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

/** The MsvAvChannelBindings value for a TLS server certificate (RFC 5929 tls-server-end-point). */
export function channelBindingFor(certDer: Buffer, hash: 'sha256' | 'sha384' = 'sha256'): Buffer {
  const appData = Buffer.concat([Buffer.from('tls-server-end-point:'), createHash(hash).update(certDer).digest()]);
  const struct = Buffer.alloc(20 + appData.length);
  struct.writeUInt32LE(appData.length, 16);
  appData.copy(struct, 20);
  return createHash('md5').update(struct).digest();
}

export interface Credentials {
  user: string;
  domain: string;
  password: string;
  /** Send a 24-byte (NTLMv1-sized) NT response instead of NTLMv2. */
  ntlmv1?: boolean;
  /** Add MsvAvChannelBindings with this value to the client blob. */
  channelBinding?: Buffer;
}

const hmac = (key: Buffer, ...data: Buffer[]): Buffer => data.reduce((h, d) => h.update(d), createHmac('md5', key)).digest();

export async function authenticateMessage(challenge: Challenge, creds: Credentials): Promise<Buffer> {
  const u = (s: string): Buffer => Buffer.from(s, 'utf16le');
  const key = hmac(Buffer.from(await md4(u(creds.password)), 'hex'), u(creds.user.toUpperCase() + creds.domain));
  const clientChallenge = randomBytes(8);
  let nt: Buffer;
  let lm: Buffer;
  if (creds.ntlmv1) {
    nt = hmac(key, challenge.serverChallenge).subarray(0, 16);
    nt = Buffer.concat([nt, clientChallenge]);
    lm = Buffer.alloc(24);
  } else {
    const pairs = avPairs(challenge.targetInfo);
    if (creds.channelBinding) pairs.set(0x000a, creds.channelBinding);
    const list = Buffer.concat([
      ...[...pairs].map(([id, v]) => Buffer.concat([Buffer.from([id & 0xff, id >> 8, v.length & 0xff, v.length >> 8]), v])),
      Buffer.alloc(4),
    ]);
    const time = pairs.get(0x0007) ?? Buffer.alloc(8);
    const temp = Buffer.concat([Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]), time, clientChallenge, Buffer.alloc(4), list, Buffer.alloc(4)]);
    nt = Buffer.concat([hmac(key, challenge.serverChallenge, temp), temp]);
    lm = Buffer.concat([hmac(key, challenge.serverChallenge, clientChallenge), clientChallenge]);
  }
  const fields = [lm, nt, u(creds.domain), u(creds.user), u('TESTHOST'), Buffer.alloc(0)];
  const head = Buffer.alloc(64);
  SIG.copy(head);
  head.writeUInt32LE(3, 8);
  let offset = 64;
  fields.forEach((f, i) => {
    head.writeUInt16LE(f.length, 12 + i * 8);
    head.writeUInt16LE(f.length, 14 + i * 8);
    head.writeUInt32LE(offset, 16 + i * 8);
    offset += f.length;
  });
  head.writeUInt32LE(FLAGS, 60);
  return Buffer.concat([head, ...fields]);
}

// SPNEGO (RFC 4178): the first token in a GSS-API InitialContextToken, later ones as NegTokenResp.
function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
const OID_SPNEGO = Buffer.from('06062b0601050502', 'hex');
export const OID_NTLMSSP = Buffer.from('060a2b06010401823702020a', 'hex');
export const OID_KERBEROS = Buffer.from('06092a864886f712010202', 'hex');

export function negTokenInit(mechs: Buffer[], mechToken?: Buffer): Buffer {
  const fields = [tlv(0xa0, tlv(0x30, ...mechs))];
  if (mechToken) fields.push(tlv(0xa2, tlv(0x04, mechToken)));
  return tlv(0x60, OID_SPNEGO, tlv(0xa0, tlv(0x30, ...fields)));
}

export function negTokenResp(responseToken: Buffer): Buffer {
  return tlv(0xa1, tlv(0x30, tlv(0xa2, tlv(0x04, responseToken))));
}

/** negState and responseToken of a NegTokenResp. */
export function readNegTokenResp(token: Buffer): { negState?: number; supportedMech?: Buffer; responseToken?: Buffer } {
  const read = (b: Buffer, at: number): { tag: number; body: Buffer; end: number } => {
    let len = b[at + 1] as number;
    let start = at + 2;
    if (len & 0x80) {
      const k = len & 0x7f;
      len = b.readUIntBE(start, k);
      start += k;
    }
    return { tag: b[at] as number, body: b.subarray(start, start + len), end: start + len };
  };
  const outer = read(token, 0);
  if (outer.tag !== 0xa1) throw new Error('not a NegTokenResp');
  const seq = read(outer.body, 0).body;
  const out: { negState?: number; supportedMech?: Buffer; responseToken?: Buffer } = {};
  for (let at = 0; at < seq.length;) {
    const f = read(seq, at);
    if (f.tag === 0xa0) out.negState = read(f.body, 0).body[0];
    if (f.tag === 0xa1) out.supportedMech = f.body.subarray(0, read(f.body, 0).end);
    if (f.tag === 0xa2) out.responseToken = Buffer.from(read(f.body, 0).body);
    at = f.end;
  }
  return out;
}
