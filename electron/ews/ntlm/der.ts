// Just enough DER (X.690) for SPNEGO tokens and for reading a certificate's signature algorithm:
// definite lengths, single-byte tags, OIDs.

export interface DerNode {
  tag: number;
  /** The contents octets (a view into the input). */
  content: Buffer;
  /** Offset just past this element in the input. */
  end: number;
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

/** Reads one element at `at`; throws RangeError when it is truncated, indefinite or uses a multi-byte tag. */
export function readDer(data: Buffer, at = 0): DerNode {
  if (at + 2 > data.length) throw new RangeError('DER: truncated element.');
  const tag = data[at] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('DER: multi-byte tags are not supported.');
  let lengthByte = data[at + 1] ?? 0;
  let start = at + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    lengthByte &= 0x7f;
    if (lengthByte === 0 || lengthByte > 4) throw new RangeError('DER: indefinite or oversized length.');
    if (start + lengthByte > data.length) throw new RangeError('DER: truncated length.');
    length = 0;
    for (let i = 0; i < lengthByte; i++) length = length * 256 + (data[start + i] ?? 0);
    start += lengthByte;
  }
  if (start + length > data.length) throw new RangeError('DER: element runs past the end.');
  return { tag, content: data.subarray(start, start + length), end: start + length };
}

/** The elements inside a constructed element's contents. */
export function readChildren(content: Buffer): DerNode[] {
  const out: DerNode[] = [];
  for (let at = 0; at < content.length;) {
    const node = readDer(content, at);
    out.push(node);
    at = node.end;
  }
  return out;
}

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_OID = 0x06;
export const TAG_ENUMERATED = 0x0a;
export const TAG_SEQUENCE = 0x30;
/** [n] constructed, context-specific. */
export const context = (n: number): number => 0xa0 | n;

export function encodeOid(oid: string): Buffer {
  const arcs = oid.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    let n = arc;
    do {
      groups.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    groups.forEach((g, i) => bytes.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return der(TAG_OID, Buffer.from(bytes));
}

export function decodeOid(content: Buffer): string {
  const arcs: number[] = [];
  let n = 0;
  for (const byte of content) {
    n = n * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
    else arcs.push(n);
    n = 0;
  }
  return arcs.join('.');
}
