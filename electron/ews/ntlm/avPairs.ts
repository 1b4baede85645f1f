// AV_PAIR lists ([MS-NLMP] 2.2.2.1): the server's TargetInfo, and the client's copy of it that
// goes into the NTLMv2 client challenge with the client's own pairs added.
export const AV_EOL = 0x0000;
export const AV_NB_COMPUTER_NAME = 0x0001;
export const AV_NB_DOMAIN_NAME = 0x0002;
export const AV_DNS_COMPUTER_NAME = 0x0003;
export const AV_DNS_DOMAIN_NAME = 0x0004;
export const AV_FLAGS = 0x0006;
export const AV_TIMESTAMP = 0x0007;
export const AV_TARGET_NAME = 0x0009;
export const AV_CHANNEL_BINDINGS = 0x000a;

/** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
export const AV_FLAG_MIC_PRESENT = 0x0000_0002;

export interface AvPair {
  id: number;
  value: Buffer;
}

/** Reads pairs up to MsvAvEOL; throws on a pair running past the end. */
export function parseAvPairs(data: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let at = 0;
  while (at + 4 <= data.length) {
    const id = data.readUInt16LE(at);
    const length = data.readUInt16LE(at + 2);
    if (id === AV_EOL) return pairs;
    if (at + 4 + length > data.length) throw new RangeError('An NTLM AV pair runs past the end of TargetInfo.');
    pairs.push({ id, value: Buffer.from(data.subarray(at + 4, at + 4 + length)) });
    at += 4 + length;
  }
  return pairs;
}

/** Encodes pairs and the closing MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const pair of pairs) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(pair.id, 0);
    head.writeUInt16LE(pair.value.length, 2);
    parts.push(head, pair.value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

export function findAvPair(pairs: readonly AvPair[], id: number): Buffer | undefined {
  return pairs.find((p) => p.id === id)?.value;
}

export interface ClientAvOptions {
  /** Ask for a MIC: sets MsvAvFlags bit 0x2 (merged into the server's flags if it sent some). */
  mic: boolean;
  /** MD5 of the gss_channel_bindings_struct, over TLS. */
  channelBindings?: Buffer;
  /** Service principal name, e.g. HTTP/mail.contoso.com. */
  targetName: string;
}

/** The server's pairs, with the client's MsvAvFlags, MsvAvChannelBindings and MsvAvTargetName set ([MS-NLMP] 3.1.5.2.1). */
export function clientAvPairs(serverPairs: readonly AvPair[], options: ClientAvOptions): AvPair[] {
  const own = new Set([AV_FLAGS, AV_CHANNEL_BINDINGS, AV_TARGET_NAME]);
  const pairs = serverPairs.filter((p) => !own.has(p.id));
  const serverFlags = findAvPair(serverPairs, AV_FLAGS);
  let flags = serverFlags !== undefined && serverFlags.length >= 4 ? serverFlags.readUInt32LE(0) : 0;
  if (options.mic) flags = (flags | AV_FLAG_MIC_PRESENT) >>> 0;
  if (flags !== 0) {
    const value = Buffer.alloc(4);
    value.writeUInt32LE(flags, 0);
    pairs.push({ id: AV_FLAGS, value });
  }
  if (options.channelBindings !== undefined) pairs.push({ id: AV_CHANNEL_BINDINGS, value: options.channelBindings });
  pairs.push({ id: AV_TARGET_NAME, value: Buffer.from(options.targetName, 'utf16le') });
  return pairs;
}
