// Identifier layouts (EWS-FACTS §5): EwsIds, ChangeKeys and source keys.
import { describe, expect, it } from 'vitest';
import { changeKey, decodeEwsId, folderEwsId, isWellFormedChangeKey, itemEwsId, sourceKey } from '../../electron/sim/ids';

const keys = {
  guid: '0b5c7e1a-2f3d-4c5b-8a9e-1234567890ab',
  providerUid: Buffer.alloc(16, 0x11),
  replicaGuid: Buffer.alloc(16, 0x22),
};

describe('ids', () => {
  it('folder ids are 89 bytes (120 characters) and embed the source key at entry-id bytes 22–43', () => {
    const id = folderEwsId(keys, 0x1234);
    expect(id).toHaveLength(120);
    expect(id.startsWith('AAMk')).toBe(true);
    const bytes = Buffer.from(id, 'base64');
    expect(bytes).toHaveLength(89);
    const entry = bytes.subarray(43);
    expect(entry).toHaveLength(46);
    expect(entry.subarray(22, 44).equals(sourceKey(keys.replicaGuid, 0x1234))).toBe(true);
    expect(decodeEwsId(id)).toMatchObject({ kind: 'folder', mailboxGuid: keys.guid, folderCounter: 0x1234 });
  });

  it('message ids are 113 bytes (152 characters) and embed their parent folder', () => {
    const a = itemEwsId(keys, 7, 99);
    const b = itemEwsId(keys, 8, 99);
    expect(a).toHaveLength(152);
    expect(a).not.toBe(b);
    expect(decodeEwsId(a)).toMatchObject({ kind: 'item', folderCounter: 7, itemCounter: 99 });
  });

  it('rejects what is not an EwsId', () => {
    for (const bad of ['AAAA==', 'AAAA', 'not base64!', '', folderEwsId(keys, 1).slice(0, -4)]) expect(decodeEwsId(bad)).toBeUndefined();
  });

  it('change keys are 30 bytes: type code, 22, change id; folders start AQAAABYAAAA, messages CQAAABYAAAD', () => {
    const folderKey = changeKey(0x01, keys.replicaGuid, 5);
    const messageKey = changeKey(0x09, Buffer.from('d'.repeat(32), 'hex'), 5);
    expect(Buffer.from(folderKey, 'base64')).toHaveLength(30);
    expect(folderKey.startsWith('AQAAABYAAAA')).toBe(true);
    expect(messageKey.startsWith('CQAAABYAAAD')).toBe(true);
    expect(isWellFormedChangeKey(folderKey)).toBe(true);
    expect(isWellFormedChangeKey('XXX')).toBe(false);
    expect(isWellFormedChangeKey(Buffer.alloc(30).toString('base64'))).toBe(false);
  });
});
