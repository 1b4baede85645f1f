// Graph ids for the simulator's folders and messages: opaque base64url strings of our own layout,
// never the EWS ids of the same objects (Graph's ids are opaque too; clients must not parse them).
// Layout: 'G' (0x47), kind (0x46 folder / 0x4d message), mailbox GUID (16 bytes), store counter
// (uint32 BE). A move gives the item a new store counter, so the old id stops resolving, as in EWS.
import type { Folder, Item, Mailbox } from '../sim/model';
import type { Store } from '../sim/store';

const MAGIC = 0x47;
const FOLDER = 0x46;
const MESSAGE = 0x4d;
const LENGTH = 2 + 16 + 4;

function guidBytes(guid: string): Buffer {
  return Buffer.from(guid.replace(/-/g, ''), 'hex');
}

function encode(kind: number, mailbox: Mailbox, counter: number): string {
  const bytes = Buffer.alloc(LENGTH);
  bytes[0] = MAGIC;
  bytes[1] = kind;
  guidBytes(mailbox.keys.guid).copy(bytes, 2);
  bytes.writeUInt32BE(counter, 18);
  return bytes.toString('base64url');
}

export function folderGraphId(folder: Folder): string {
  return encode(FOLDER, folder.mailbox, folder.counter);
}

export function messageGraphId(item: Item): string {
  if (!item.folder) throw new Error('item is gone');
  return encode(MESSAGE, item.folder.mailbox, item.counter);
}

interface Decoded {
  kind: 'folder' | 'message';
  mailboxGuid: Buffer;
  counter: number;
}

/** Undefined for text that is not one of our ids (Graph: 400 ErrorInvalidIdMalformed). */
export function decodeGraphId(id: string): Decoded | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const bytes = Buffer.from(id, 'base64url');
  if (bytes.length !== LENGTH || bytes[0] !== MAGIC) return undefined;
  const kind = bytes[1] === FOLDER ? 'folder' : bytes[1] === MESSAGE ? 'message' : undefined;
  if (!kind) return undefined;
  return { kind, mailboxGuid: bytes.subarray(2, 18), counter: bytes.readUInt32BE(18) };
}

/** The live folder a well-formed folder id names in this mailbox, if any. */
export function folderOfId(store: Store, mailbox: Mailbox, decoded: Decoded): Folder | undefined {
  if (decoded.kind !== 'folder' || !decoded.mailboxGuid.equals(guidBytes(mailbox.keys.guid))) return undefined;
  const folder = store.folderByCounter(decoded.counter);
  return folder && !folder.removed && folder.mailbox === mailbox ? folder : undefined;
}

/** The live message a well-formed message id names in this mailbox, if any (undefined once moved or deleted). */
export function messageOfId(store: Store, mailbox: Mailbox, decoded: Decoded): Item | undefined {
  if (decoded.kind !== 'message' || !decoded.mailboxGuid.equals(guidBytes(mailbox.keys.guid))) return undefined;
  const item = store.itemByCounter(decoded.counter);
  return item && item.folder && item.folder.mailbox === mailbox ? item : undefined;
}
