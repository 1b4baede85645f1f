// keepVersionIfHeld (copy-on-write before an edit, EWS-FACTS §7), on the store directly: UpdateItem
// decides whether an edit triggers it; this checks where the copy goes and when none is made.
import { describe, expect, it } from 'vitest';
import type { Folder, Mailbox, RetentionSettings } from '../../electron/sim/model';
import { keepVersionIfHeld, recoverableItemsState } from '../../electron/sim/retention';
import { Store } from '../../electron/sim/store';

const GB = 1024 ** 3;

function setup(retention: Partial<RetentionSettings>) {
  const store = new Store([{ smtp: 'held@contoso.com', name: 'Held', password: 'x', retention }]);
  const user = store.user('held@contoso.com');
  if (!user) throw new Error('no user');
  const d = (mailbox: Mailbox, name: string): Folder => {
    const folder = store.distinguished(mailbox, name);
    if (!folder) throw new Error(`no ${name}`);
    return folder;
  };
  return { store, user, d };
}

describe('keepVersionIfHeld', () => {
  for (const hold of ['litigationHold', 'inPlaceHold'] as const) {
    it(`${hold}: a copy of the current state goes to Versions, stamped with the item's folder; the item stays as it is`, () => {
      const { store, user, d } = setup({ [hold]: true });
      const inbox = d(user.primary, 'inbox');
      const item = store.addItem(inbox, { subject: 'before the edit', size: 5000, isRead: true });
      const changeNumber = item.changeNumber;
      keepVersionIfHeld(item);
      const versions = d(user.primary, 'recoverableitemsversions').contents.all();
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ subject: 'before the edit', size: 5000, isRead: true });
      expect(versions[0]?.lastActiveParent?.equals(inbox.sourceKey)).toBe(true);
      expect(versions[0]?.counter).not.toBe(item.counter);
      expect(item.folder).toBe(inbox);
      expect(item.changeNumber).toBe(changeNumber);
      keepVersionIfHeld(item);
      expect(d(user.primary, 'recoverableitemsversions').contents.count).toBe(2);
    });
  }

  it("in the archive, the copy goes to the archive's Versions", () => {
    const { store, user, d } = setup({ litigationHold: true });
    if (!user.archive) throw new Error('no archive');
    const item = store.addItem(d(user.archive, 'inbox'), { subject: 'archived' });
    keepVersionIfHeld(item);
    expect(
      d(user.archive, 'recoverableitemsversions')
        .contents.all()
        .map((i) => i.subject),
    ).toEqual(['archived']);
    expect(d(user.primary, 'recoverableitemsversions').contents.count).toBe(0);
  });

  it('no copy without a hold (single item recovery alone does not keep versions)', () => {
    for (const retention of [{}, { singleItemRecovery: true }]) {
      const { store, user, d } = setup(retention);
      keepVersionIfHeld(store.addItem(d(user.primary, 'inbox'), { subject: 'free' }));
      expect(d(user.primary, 'recoverableitemsversions').contents.count).toBe(0);
    }
  });

  it('no copy for drafts, items already in the dumpster, or items that are gone', () => {
    const { store, user, d } = setup({ litigationHold: true });
    keepVersionIfHeld(store.addItem(d(user.primary, 'drafts'), { subject: 'draft' }));
    keepVersionIfHeld(store.addItem(d(user.primary, 'recoverableitemsdeletions'), { subject: 'deleted' }));
    const gone = store.addItem(d(user.primary, 'inbox'), { subject: 'gone' });
    store.purgeItem(gone);
    keepVersionIfHeld(gone);
    expect(d(user.primary, 'recoverableitemsversions').contents.count).toBe(0);
  });

  it('no copy once the Recoverable Items quota is full (versions fail then)', () => {
    const { store, user, d } = setup({ litigationHold: true, extraDumpsterBytes: { primary: 100 * GB, archive: 0 } });
    expect(recoverableItemsState(store, user.primary)).toBe('full');
    keepVersionIfHeld(store.addItem(d(user.primary, 'inbox'), { subject: 'edited when full' }));
    expect(d(user.primary, 'recoverableitemsversions').contents.count).toBe(0);
    user.retention = { ...user.retention, extraDumpsterBytes: { primary: 100 * GB - 10_000, archive: 0 } };
    keepVersionIfHeld(store.addItem(d(user.primary, 'inbox'), { subject: 'edited with room', size: 20_000 }));
    expect(d(user.primary, 'recoverableitemsversions').contents.count).toBe(1);
    // That copy filled it: the byte count follows without a recount.
    expect(recoverableItemsState(store, user.primary)).toBe('full');
  });
});
