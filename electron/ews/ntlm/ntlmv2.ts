// The NTLMv2 computations of [MS-NLMP] 3.3.2: NTOWFv2, the client challenge blob, NTProofStr,
// the LMv2 response and the session base key. MD4 comes from hash-wasm (Node's OpenSSL 3 has none).
import { createHmac } from 'node:crypto';
import { md4 } from 'hash-wasm';

export function hmacMd5(key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac('md5', key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

/** NTOWFv2: HMAC_MD5(MD4(UNICODE(password)), UNICODE(Uppercase(user) ‖ domain)); also LMOWFv2. */
export async function ntowfv2(password: string, user: string, domain: string): Promise<Buffer> {
  const ntHash = Buffer.from(await md4(Buffer.from(password, 'utf16le')), 'hex');
  return hmacMd5(ntHash, Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

/** FILETIME: 100 ns ticks since 1601-01-01 UTC, as 8 little-endian bytes. */
export function fileTime(ms: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(Math.trunc(ms)) + 11_644_473_600_000n) * 10_000n, 0);
  return out;
}

export interface Ntlmv2Input {
  responseKeyNT: Buffer;
  serverChallenge: Buffer;
  clientChallenge: Buffer;
  /** 8-byte FILETIME: the server's MsvAvTimestamp when it sent one, else the current time. */
  time: Buffer;
  /** Encoded AV pairs (with MsvAvEOL) for the blob. */
  avPairs: Buffer;
}

export interface Ntlmv2Result {
  ntChallengeResponse: Buffer;
  ntProofStr: Buffer;
  sessionBaseKey: Buffer;
}

export function ntlmv2Response(input: Ntlmv2Input): Ntlmv2Result {
  const head = Buffer.alloc(8);
  head[0] = 1; // Responserversion
  head[1] = 1; // HiResponserversion
  const temp = Buffer.concat([head, input.time, input.clientChallenge, Buffer.alloc(4), input.avPairs, Buffer.alloc(4)]);
  const ntProofStr = hmacMd5(input.responseKeyNT, input.serverChallenge, temp);
  return {
    ntChallengeResponse: Buffer.concat([ntProofStr, temp]),
    ntProofStr,
    sessionBaseKey: hmacMd5(input.responseKeyNT, ntProofStr),
  };
}

/** LMv2: HMAC_MD5(ResponseKeyLM, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge (ResponseKeyLM = NTOWFv2). */
export function lmv2Response(responseKeyLM: Buffer, serverChallenge: Buffer, clientChallenge: Buffer): Buffer {
  return Buffer.concat([hmacMd5(responseKeyLM, serverChallenge, clientChallenge), clientChallenge]);
}
