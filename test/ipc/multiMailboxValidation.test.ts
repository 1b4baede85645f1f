// The many-mailbox IPC arguments as the renderer may send them: bounded lists, addresses, well-known
// folder names only (ids differ between mailboxes), strict objects; anything else refused by name.
import { describe, expect, it } from 'vitest';
import type { MultiJobSpec, MultiMailboxSearchSpec } from '../../shared/domain';
import { MULTI_FOLDER_NAMES } from '../../shared/multiIpc';
import { validateArgument } from '../../electron/ipcValidation';
import { MAX_MAILBOXES, MAX_MAILBOX_TEXT, MAX_NAMES } from '../../electron/ipcValidationMulti';

const search: MultiMailboxSearchSpec = {
  mailboxes: ['alice@contoso.com', 'bob@contoso.com'],
  parts: 'primary',
  folders: { kind: 'wellKnown', names: ['inbox', 'junkemail'], subfolders: false },
  dumpster: false,
  filter: { subjectContains: 'Invoice overdue', senderContains: 'billing@' },
};
const job: MultiJobSpec = { search, action: { kind: 'delete', mode: 'SoftDelete' } };

describe('many-mailbox argument validation', () => {
  it('accepts the shapes the screen sends and passes them through unchanged', () => {
    const accepted: [Parameters<typeof validateArgument>[0], unknown][] = [
      ['multiChooseMailboxes', { text: 'PrimarySmtpAddress\r\nalice@contoso.com\r\n' }],
      ['multiChooseMailboxes', { groups: ['all-staff@contoso.com'], names: ['Carol Jones'] }],
      ['multiChooseMailboxes', {}],
      ['multiSuggestNames', { query: 'ca' }],
      ['multiDirectoryAccess', undefined],
      ['multiAllowDirectory', undefined],
      ['multiSearch', { searchId: 'search-1_a', spec: search }],
      ['multiSearch', { searchId: 's', spec: { ...search, parts: 'both', folders: { kind: 'allMail' }, dumpster: true } }],
      ['multiHits', { mailbox: 'bob@contoso.com', part: 'archive', folderId: 'AAMkF1', filter: {}, offset: 50, max: 50 }],
      ['multiStartJob', job],
      ['multiStartJob', { search, action: { kind: 'move', toFolder: 'junkemail' } }],
      ['multiStartJob', { search, action: { kind: 'recover', fallbackFolder: 'inbox' } }],
      ['multiStartJob', { search, action: { kind: 'delete', mode: 'HardDelete' } }],
      ['multiStartJob', { search, action: { kind: 'collect', mailbox: 'discovery@contoso.com', folder: 'Case 42 (evidence)' } }],
      ['multiSearch', { searchId: 's2', spec: { ...search, filter: { hasAttachments: true } } }],
      ['multiStartJob', { search: { ...search, filter: { subjectContains: 'x', hasAttachments: false } }, action: { kind: 'delete', mode: 'SoftDelete' } }],
      ['multiResumeJob', { multiJobId: 'multi-20261203T104500000Z-0a1b2c3d' }],
      ['multiJobReport', { multiJobId: 'multi-1', offset: 0, max: 1000 }],
      ['multiExportReport', { multiJobId: 'multi-1', format: 'json' }],
      ['multiListJobs', undefined],
    ];
    for (const [method, arg] of accepted) {
      const checked = validateArgument(method, arg);
      expect(checked, `${method} ${JSON.stringify(arg)}`).toEqual({ ok: true, value: arg });
    }
    for (const name of MULTI_FOLDER_NAMES) expect(validateArgument('multiStartJob', { search, action: { kind: 'move', toFolder: name } }).ok).toBe(true);
  });

  it.each([
    ['multiChooseMailboxes', { text: 'x'.repeat(MAX_MAILBOX_TEXT + 1) }, /text/],
    ['multiChooseMailboxes', { groups: Array.from({ length: MAX_NAMES + 1 }, (_, i) => `g${i}@contoso.com`) }, /groups/],
    ['multiChooseMailboxes', { names: [''] }, /names\.0/],
    ['multiChooseMailboxes', { names: ['Carol\u0000'] }, /names\.0/],
    ['multiChooseMailboxes', { text: 'a@b.c', csv: true }, /argument|csv/],
    ['multiSuggestNames', { query: '   ' }, /query/],
    ['multiSuggestNames', { query: 'x'.repeat(300) }, /query/],
    ['multiAllowDirectory', { scopes: ['Directory.ReadWrite.All'] }, /argument|expected/],
    ['multiSearch', { searchId: 'has space', spec: search }, /searchId/],
    ['multiSearch', { searchId: 'x'.repeat(65), spec: search }, /searchId/],
    ['multiSearch', { searchId: 's1', spec: { ...search, mailboxes: [] } }, /spec\.mailboxes/],
    ['multiSearch', { searchId: 's1', spec: { ...search, mailboxes: ['not-an-address'] } }, /spec\.mailboxes\.0/],
    ['multiSearch', { searchId: 's1', spec: { ...search, mailboxes: Array.from({ length: MAX_MAILBOXES + 1 }, (_, i) => `u${i}@contoso.com`) } }, /mailboxes/],
    ['multiSearch', { searchId: 's1', spec: { ...search, parts: 'all' } }, /spec\.parts/],
    ['multiSearch', { searchId: 's1', spec: { ...search, folders: { kind: 'wellKnown', names: ['AAMkSomeFolderId'], subfolders: false } } }, /names\.0/],
    ['multiSearch', { searchId: 's1', spec: { ...search, folders: { kind: 'ids', ids: ['F1'] } } }, /folders/],
    ['multiSearch', { searchId: 's1', spec: { ...search, filter: { bodyContains: 'x' } } }, /filter/],
    ['multiSearch', { searchId: 's1', spec: { ...search, filter: { receivedAfter: 'yesterday' } } }, /receivedAfter/],
    ['multiSearch', { searchId: 's1', spec: { ...search, dumpster: 'yes' } }, /dumpster/],
    ['multiHits', { mailbox: 'bob@contoso.com', part: 'primary', folderId: '', filter: {}, offset: 0, max: 50 }, /folderId/],
    ['multiHits', { mailbox: 'bob@contoso.com', part: 'primary', folderId: 'F1', filter: {}, offset: 0, max: 5000 }, /max/],
    ['multiHits', { mailbox: 'bob@contoso.com', part: 'primary', folderId: 'F1', filter: {}, offset: -1, max: 5 }, /offset/],
    ['multiStartJob', { search, action: { kind: 'move', toFolder: 'AAMkAnId' } }, /action\.toFolder/],
    ['multiStartJob', { search, action: { kind: 'recover', fallbackFolder: '' } }, /action\.fallbackFolder/],
    ['multiStartJob', { search, action: { kind: 'delete', mode: 'Shred' } }, /action\.mode/],
    ['multiStartJob', { search, action: { kind: 'emptyFolder' } }, /action/],
    ['multiStartJob', { search, action: { kind: 'collect', mailbox: 'Discovery Search', folder: 'Evidence' } }, /action\.mailbox/],
    ['multiStartJob', { search, action: { kind: 'collect', mailbox: 'discovery@contoso.com', folder: '   ' } }, /action\.folder/],
    ['multiStartJob', { search, action: { kind: 'collect', mailbox: 'discovery@contoso.com', folder: 'Evid\u0007ence' } }, /action\.folder/],
    ['multiStartJob', { search, action: { kind: 'collect', mailbox: 'discovery@contoso.com' } }, /action\.folder/],
    ['multiSearch', { searchId: 's1', spec: { ...search, filter: { hasAttachments: 'yes' } } }, /hasAttachments/],
    ['multiResumeJob', { multiJobId: 'm', force: true }, /argument|force/],
    ['multiStartJob', { ...job, user: 'someone else' }, /argument|user/],
    ['multiCancelJob', { multiJobId: '' }, /multiJobId/],
    ['multiJobReport', { multiJobId: 'm', offset: 0, max: 10, outcomes: ['exploded'] }, /outcomes/],
    ['multiJobReport', { multiJobId: 'm', offset: 0, max: 10, mailbox: 'nobody' }, /mailbox/],
    ['multiExportReport', { multiJobId: 'm', format: 'xlsx' }, /format/],
    ['multiListJobs', {}, /argument/],
  ] as const)('%s refuses %j', (method, arg, where) => {
    const checked = validateArgument(method, arg);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message.startsWith(`Invalid argument for ${method}:`)).toBe(true);
      expect(checked.message).toMatch(where);
    }
  });
});
