// SPNEGO (RFC 4178, [MS-SPNG]) as IIS reads it for "Negotiate" carrying NTLM: the NTLM token
// inside a NegTokenInit (mechToken) or NegTokenResp (responseToken), and the NegTokenResp the
// server answers with. A small DER reader and writer of the simulator's own.
const NTLMSSP_OID = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a]);

interface Tlv {
  tag: number;
  content: Buffer;
  end: number;
}

function readTlv(data: Buffer, at: number): Tlv {
  if (at + 2 > data.length) throw new RangeError('DER: truncated');
  const tag = data[at] as number;
  let length = data[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 3 || start + bytes > data.length) throw new RangeError('DER: bad length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (data[start + i] as number);
    start += bytes;
  }
  if (start + length > data.length) throw new RangeError('DER: truncated');
  return { tag, content: data.subarray(start, start + length), end: start + length };
}

function children(content: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < content.length;) {
    const node = readTlv(content, at);
    out.push(node);
    at = node.end;
  }
  return out;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/** The NTLM token a Negotiate header carries, and whether it came wrapped (and offered NTLMSSP). */
export function unwrapNegotiate(token: Buffer): { ntlm?: Buffer; wrapped: boolean } {
  try {
    const outer = readTlv(token, 0);
    let sequence: Buffer;
    if (outer.tag === 0x60) {
      const [, init] = children(outer.content); // thisMech OID, then [0] NegTokenInit
      if (init?.tag !== 0xa0) return { wrapped: true };
      sequence = readTlv(init.content, 0).content;
      const mechTypes = children(sequence).find((node) => node.tag === 0xa0);
      if (mechTypes === undefined || !mechTypes.content.includes(NTLMSSP_OID)) return { wrapped: true };
    } else if (outer.tag === 0xa1) {
      sequence = readTlv(outer.content, 0).content;
    } else {
      return { wrapped: false };
    }
    const token2 = children(sequence).find((node) => node.tag === 0xa2);
    if (token2 === undefined) return { wrapped: true };
    return { ntlm: Buffer.from(readTlv(token2.content, 0).content), wrapped: true };
  } catch {
    return { wrapped: true };
  }
}

/** NegTokenResp: negState 0 accept-completed or 1 accept-incomplete, NTLMSSP, and the token. */
export function negTokenResp(negState: 0 | 1, responseToken?: Buffer): Buffer {
  const parts = [tlv(0xa0, tlv(0x0a, Buffer.from([negState]))), tlv(0xa1, NTLMSSP_OID)];
  if (responseToken !== undefined) parts.push(tlv(0xa2, tlv(0x04, responseToken)));
  return tlv(0xa1, tlv(0x30, Buffer.concat(parts)));
}
