// Identifiers shaped like Exchange's (EWS-FACTS §5). An EwsId is base64 of:
//   0x00 (plain, not compressed), 0x03 (keyed by mailbox GUID), uint16 LE 36, the 36-char mailbox
//   GUID, 0x00 (processing instruction), uint16 LE entry-id length, then the PR_ENTRYID.
// A PR_ENTRYID is 4 flag bytes, a 16-byte store provider UID, a uint16 LE type (1 = folder,
// 7 = message), the folder's 22-byte source key + 2 pad bytes, and for a message its own 22-byte
// key + 2 pad bytes. A message id therefore embeds its parent folder: a move changes it.
// A source key is a 16-byte replica GUID + 6-byte big-endian counter.

const FOLDER_ENTRY_TYPE = 0x0001;
const MESSAGE_ENTRY_TYPE = 0x0007;
const FOLDER_ENTRY_LENGTH = 46;
const MESSAGE_ENTRY_LENGTH = 70;
const GUID_TEXT_LENGTH = 36;
const HEADER_LENGTH = 2 + 2 + GUID_TEXT_LENGTH + 1 + 2;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** What a mailbox contributes to its ids. */
export interface MailboxKeys {
  /** Lower-case GUID text with dashes. */
  guid: string;
  /** 16-byte store provider UID. */
  providerUid: Buffer;
  /** 16-byte replica GUID used in source keys and change keys. */
  replicaGuid: Buffer;
}

export function sourceKey(replicaGuid: Buffer, counter: number): Buffer {
  const key = Buffer.alloc(22);
  replicaGuid.copy(key, 0, 0, 16);
  key.writeUIntBE(counter, 16, 6);
  return key;
}

function entryId(mailbox: MailboxKeys, type: number, folderCounter: number, itemCounter?: number): Buffer {
  const length = itemCounter === undefined ? FOLDER_ENTRY_LENGTH : MESSAGE_ENTRY_LENGTH;
  const id = Buffer.alloc(length);
  mailbox.providerUid.copy(id, 4, 0, 16);
  id.writeUInt16LE(type, 20);
  sourceKey(mailbox.replicaGuid, folderCounter).copy(id, 22);
  if (itemCounter !== undefined) sourceKey(mailbox.replicaGuid, itemCounter).copy(id, 46);
  return id;
}

function ewsId(mailbox: MailboxKeys, entry: Buffer): string {
  const out = Buffer.alloc(HEADER_LENGTH + entry.length);
  out[0] = 0x00;
  out[1] = 0x03;
  out.writeUInt16LE(GUID_TEXT_LENGTH, 2);
  out.write(mailbox.guid, 4, 'ascii');
  out[4 + GUID_TEXT_LENGTH] = 0x00;
  out.writeUInt16LE(entry.length, 5 + GUID_TEXT_LENGTH);
  entry.copy(out, HEADER_LENGTH);
  return out.toString('base64');
}

export function folderEwsId(mailbox: MailboxKeys, folderCounter: number): string {
  return ewsId(mailbox, entryId(mailbox, FOLDER_ENTRY_TYPE, folderCounter));
}

// Item ids and change keys are written for every row of every FindItem page: they are built as
// the base64 of a constant prefix (per mailbox and folder, or per type and replica) followed by
// the base64 of the few bytes after it. The prefixes end on a 3-byte boundary, so the two texts
// join into exactly the base64 of the whole. A message id's item counter starts at byte 105.
const ITEM_ID_PREFIX_BYTES = HEADER_LENGTH + 46 + 16;
const CHANGE_KEY_PREFIX_BYTES = 8 + 16;
const itemIdPrefixes = new WeakMap<MailboxKeys, Map<number, string>>();
const changeKeyPrefixes = new WeakMap<Buffer, Map<number, string>>();
const tail = Buffer.alloc(8);

/** base64 of the 6-byte big-endian counter followed by `padBytes` zero bytes. */
function counterTail(counter: number, padBytes: 0 | 2): string {
  tail.fill(0);
  tail.writeUIntBE(counter, 0, 6);
  return tail.toString('base64', 0, 6 + padBytes);
}

export function itemEwsId(mailbox: MailboxKeys, folderCounter: number, itemCounter: number): string {
  let byFolder = itemIdPrefixes.get(mailbox);
  if (!byFolder) itemIdPrefixes.set(mailbox, (byFolder = new Map()));
  let prefix = byFolder.get(folderCounter);
  if (prefix === undefined) {
    const whole = Buffer.from(ewsId(mailbox, entryId(mailbox, MESSAGE_ENTRY_TYPE, folderCounter, 0)), 'base64');
    prefix = whole.toString('base64', 0, ITEM_ID_PREFIX_BYTES);
    byFolder.set(folderCounter, prefix);
  }
  return prefix + counterTail(itemCounter, 2);
}

export interface DecodedId {
  kind: 'folder' | 'item';
  mailboxGuid: string;
  providerUid: Buffer;
  /** Replica GUID of the folder part. */
  replicaGuid: Buffer;
  folderCounter: number;
  /** Present for item ids. */
  itemCounter?: number;
}

/** Decodes an EwsId; undefined when it is not one (the caller answers ErrorInvalidIdMalformed). */
export function decodeEwsId(id: string): DecodedId | undefined {
  if (!BASE64_PATTERN.test(id) || id.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(id, 'base64');
  if (bytes.length < HEADER_LENGTH || bytes[0] !== 0x00 || bytes[1] !== 0x03) return undefined;
  if (bytes.readUInt16LE(2) !== GUID_TEXT_LENGTH) return undefined;
  const mailboxGuid = bytes.toString('ascii', 4, 4 + GUID_TEXT_LENGTH);
  if (!GUID_PATTERN.test(mailboxGuid) || bytes[4 + GUID_TEXT_LENGTH] !== 0x00) return undefined;
  const entryLength = bytes.readUInt16LE(5 + GUID_TEXT_LENGTH);
  if (bytes.length !== HEADER_LENGTH + entryLength) return undefined;
  const entry = bytes.subarray(HEADER_LENGTH);
  if (entry.readUInt32LE(0) !== 0) return undefined;
  const type = entry.readUInt16LE(20);
  const providerUid = Buffer.from(entry.subarray(4, 20));
  const replicaGuid = Buffer.from(entry.subarray(22, 38));
  const folderCounter = entry.readUIntBE(38, 6);
  if (type === FOLDER_ENTRY_TYPE && entryLength === FOLDER_ENTRY_LENGTH) {
    return { kind: 'folder', mailboxGuid, providerUid, replicaGuid, folderCounter };
  }
  if (type === MESSAGE_ENTRY_TYPE && entryLength === MESSAGE_ENTRY_LENGTH) {
    return { kind: 'item', mailboxGuid, providerUid, replicaGuid, folderCounter, itemCounter: entry.readUIntBE(62, 6) };
  }
  return undefined;
}

/** The PR_ENTRYID inside an EwsId, and the mailbox GUID the id is keyed by (ConvertId). */
export function entryIdOfEwsId(id: string): { mailboxGuid: string; entryId: Buffer } | undefined {
  if (!decodeEwsId(id)) return undefined;
  const bytes = Buffer.from(id, 'base64');
  return { mailboxGuid: bytes.toString('ascii', 4, 4 + GUID_TEXT_LENGTH), entryId: bytes.subarray(HEADER_LENGTH) };
}

/** The EwsId of a PR_ENTRYID keyed by a mailbox GUID; undefined unless it is a folder or message entry id (ConvertId). */
export function ewsIdOfEntryId(mailboxGuid: string, entryId: Buffer): string | undefined {
  if (!GUID_PATTERN.test(mailboxGuid)) return undefined;
  const id = ewsId({ guid: mailboxGuid, providerUid: Buffer.alloc(16), replicaGuid: Buffer.alloc(16) }, entryId);
  return decodeEwsId(id) ? id : undefined;
}

/** ChangeKey type codes (first uint32 LE of the 30 bytes). */
export const CHANGE_KEY_TYPE = {
  Folder: 0x01,
  CalendarFolder: 0x02,
  ContactsFolder: 0x03,
  SearchFolder: 0x08,
  Message: 0x09,
  CalendarItem: 0x0f,
  Contact: 0x11,
  Task: 0x13,
} as const;

/** A ChangeKey: uint32 LE type code, uint32 LE 22, then a 22-byte change id (GUID + BE counter). */
export function changeKey(typeCode: number, replicaGuid: Buffer, changeNumber: number): string {
  let byType = changeKeyPrefixes.get(replicaGuid);
  if (!byType) changeKeyPrefixes.set(replicaGuid, (byType = new Map()));
  let prefix = byType.get(typeCode);
  if (prefix === undefined) {
    const key = Buffer.alloc(CHANGE_KEY_PREFIX_BYTES);
    key.writeUInt32LE(typeCode, 0);
    key.writeUInt32LE(22, 4);
    replicaGuid.copy(key, 8, 0, 16);
    prefix = key.toString('base64');
    byType.set(typeCode, prefix);
  }
  return prefix + counterTail(changeNumber, 0);
}

/** True when the text has the ChangeKey layout (stale values are still well-formed). */
export function isWellFormedChangeKey(text: string): boolean {
  if (!BASE64_PATTERN.test(text) || text.length % 4 !== 0) return false;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 30 && bytes.readUInt32LE(4) === 22;
}

/** A deterministic GUID from a PRNG draw function (ids must be reproducible across runs). */
export function guidFrom(nextUint32: () => number): { text: string; bytes: Buffer } {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i += 4) bytes.writeUInt32LE(nextUint32() >>> 0, i);
  bytes[7] = ((bytes[7] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { text, bytes };
}
