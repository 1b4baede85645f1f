// Unit tests, on a store without HTTP, of the rules added for issue 9's gaps: heldRemovalRefusal
// and moveIntoDumpsterRefusal (retention.ts), the derived recipients (itemFields.ts) and
// refusesGetFolder (folderSet.ts). The HTTP behaviour is in dumpster-moves.test.ts and
// recipients-system-folders.test.ts.
import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../electron/sim/demoContent';
import { refusesGetFolder } from '../../electron/sim/folderSet';
import { ccRecipients, displayNames, toRecipients } from '../../electron/sim/itemFields';
import type { Folder, Mailbox, RetentionSettings } from '../../electron/sim/model';
import { heldRemovalRefusal, moveIntoDumpsterRefusal } from '../../electron/sim/retention';
import { Store } from '../../electron/sim/store';
import { DEFAULT_SWITCHES, type SemanticSwitches } from '../../electron/sim/switches';

const GB = 1024 ** 3;
const OWNER = { smtp: 'owner@contoso.com', name: 'Owner One' };

function setup(retention: Partial<RetentionSettings> = {}) {
  const store = new Store([{ ...OWNER, password: 'x', retention }]);
  const user = store.user(OWNER.smtp);
  if (!user) throw new Error('no user');
  const d = (name: string, mailbox: Mailbox = user.primary): Folder => {
    const folder = store.distinguished(mailbox, name);
    if (!folder) throw new Error(`no ${name}`);
    return folder;
  };
  return { store, user, d };
}
const switches = (over: Partial<SemanticSwitches> = {}): SemanticSwitches => ({ ...DEFAULT_SWITCHES, ...over });

describe('heldRemovalRefusal', () => {
  it('refuses Purges and DiscoveryHolds (and their subfolders) under a hold, in the primary and the archive', () => {
    const { store, user, d } = setup({ litigationHold: true });
    for (const name of ['recoverableitemspurges', 'recoverableitemsdiscoveryholds']) {
      expect(heldRemovalRefusal(switches(), d(name))?.code).toBe('ErrorCannotDeleteObject');
      expect(heldRemovalRefusal(switches(), d(name, user.archive ?? user.primary))?.code).toBe('ErrorCannotDeleteObject');
    }
    expect(heldRemovalRefusal(switches(), store.createFolder(d('recoverableitemspurges'), 'sub', undefined))?.code).toBe('ErrorCannotDeleteObject');
  });

  it('lets anything else go: other folders, no hold (SIR alone), or the switch at allow', () => {
    const held = setup({ inPlaceHold: true });
    for (const name of ['recoverableitemsdeletions', 'recoverableitemsversions', 'inbox', 'deleteditems'])
      expect(heldRemovalRefusal(switches(), held.d(name))).toBeUndefined();
    expect(heldRemovalRefusal(switches({ heldDumpsterMoveOut: 'allow' }), held.d('recoverableitemspurges'))).toBeUndefined();
    const sirOnly = setup({ singleItemRecovery: true });
    expect(heldRemovalRefusal(switches(), sirOnly.d('recoverableitemspurges'))).toBeUndefined();
  });
});

describe('moveIntoDumpsterRefusal', () => {
  it('only when the destination dumpster is full; moves inside one dumpster need no room, copies do', () => {
    const { store, user, d } = setup();
    const inbox = d('inbox');
    const deletions = d('recoverableitemsdeletions');
    expect(moveIntoDumpsterRefusal(store, switches(), inbox, deletions, false)).toBeUndefined();
    user.retention.extraDumpsterBytes.primary = 30 * GB;
    expect(moveIntoDumpsterRefusal(store, switches(), inbox, deletions, false)?.code).toBe('ErrorInternalServerError');
    expect(moveIntoDumpsterRefusal(store, switches({ recoverableItemsFullError: 'ErrorQuotaExceeded' }), inbox, deletions, true)?.code).toBe(
      'ErrorQuotaExceeded',
    );
    expect(moveIntoDumpsterRefusal(store, switches(), d('recoverableitemsversions'), deletions, false)).toBeUndefined();
    expect(moveIntoDumpsterRefusal(store, switches(), d('recoverableitemsversions'), deletions, true)?.code).toBe('ErrorInternalServerError');
    expect(moveIntoDumpsterRefusal(store, switches(), deletions, inbox, false)).toBeUndefined();
  });

  it("counts the destination mailbox's dumpster: the archive's is apart from the primary's", () => {
    const { store, user, d } = setup();
    const archive = user.archive;
    if (!archive) throw new Error('no archive');
    user.retention.extraDumpsterBytes.primary = 30 * GB;
    expect(moveIntoDumpsterRefusal(store, switches(), d('inbox'), d('recoverableitemsdeletions', archive), false)).toBeUndefined();
    // A move from the primary's dumpster into the archive's is not "inside one dumpster".
    user.retention.extraDumpsterBytes.archive = 30 * GB;
    expect(moveIntoDumpsterRefusal(store, switches(), d('recoverableitemsdeletions'), d('recoverableitemsdeletions', archive), false)?.code).toBe(
      'ErrorInternalServerError',
    );
  });
});

describe('derived recipients', () => {
  it('delivered mail: To the owner; every fourth origin has one Cc, never the sender or the owner; shared objects', () => {
    const { store, d } = setup();
    const sender = PEOPLE[0];
    if (!sender) throw new Error('no people');
    const items = store.addItems(d('inbox'), 40, (i) => ({ subject: `m${i}`, from: sender }));
    for (const item of items) {
      expect(toRecipients(item)).toEqual([{ name: OWNER.name, address: OWNER.smtp }]);
      const cc = ccRecipients(item);
      expect(cc.length).toBe(item.origin % 4 === 1 ? 1 : 0);
      for (const person of cc) {
        expect(person.address).not.toBe(sender.address);
        expect(person.address).not.toBe(OWNER.smtp);
        expect(PEOPLE).toContain(person);
      }
    }
    expect(items.filter((i) => ccRecipients(i).length === 1)).toHaveLength(10);
  });

  it('mail the owner sent goes to a demo person; no sender or FAI: none; CreateItem lists win', () => {
    const { store, d } = setup();
    const [sent] = store.addItems(d('sentitems'), 1, () => ({ subject: 's', from: { name: OWNER.name, address: OWNER.smtp } }));
    const to = sent ? toRecipients(sent) : [];
    expect(to).toHaveLength(1);
    expect(to[0]?.address).not.toBe(OWNER.smtp);
    const bare = store.addItem(d('inbox'), { subject: 'no sender' });
    expect(toRecipients(bare)).toEqual([]);
    const fai = store.addItem(d('inbox'), { subject: 'rule', from: PEOPLE[1] ?? null, extras: { associated: true } });
    expect(toRecipients(fai)).toEqual([]);
    expect(ccRecipients(fai)).toEqual([]);
    const given = store.addItem(d('drafts'), {
      subject: 'given',
      from: PEOPLE[2] ?? null,
      extras: { recipients: { to: [], cc: [PEOPLE[3] as (typeof PEOPLE)[number]] } },
    });
    expect(toRecipients(given)).toEqual([]);
    expect(ccRecipients(given)).toEqual([PEOPLE[3]]);
  });

  it('DisplayTo/DisplayCc join the names with "; "', () => {
    expect(displayNames([])).toBe('');
    expect(
      displayNames([
        { name: 'A B', address: 'a@x' },
        { name: 'C', address: 'c@x' },
      ]),
    ).toBe('A B; C');
  });
});

describe('refusesGetFolder', () => {
  it('is true for System directly under a mailbox root only', () => {
    const { store, user } = setup();
    const names = user.primary.root.children.filter(refusesGetFolder).map((f) => f.displayName);
    expect(names).toEqual(['System']);
    const inbox = store.distinguished(user.primary, 'inbox');
    if (!inbox) throw new Error('no inbox');
    expect(refusesGetFolder(store.createFolder(inbox, 'System', undefined))).toBe(false);
  });
});
