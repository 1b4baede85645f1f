// The recover action's orphan policy as the renderer may send it: new folders per deleted folder,
// with names Exchange and our folder paths can take, bounded in number and length.
import { describe, expect, it } from 'vitest';
import type { JobSpec, RecoverOrphanPolicy } from '../../shared/domain';
import { MAX_FOLDER_NAME, MAX_NEW_FOLDERS, validateArgument } from '../../electron/ipcValidation';

const key = Buffer.from('0123456789abcdef012345').toString('base64');

function withPolicy(orphans: unknown): unknown {
  return {
    mailbox: { part: 'primary' },
    action: { kind: 'recover', fallbackFolderId: 'AAMkInbox', orphans },
    target: { kind: 'query', folderId: 'recoverableitemsdeletions', filter: {} },
  };
}

function policy(displayName: string, extra: Partial<Extract<RecoverOrphanPolicy, { kind: 'newFolders' }>> = {}): RecoverOrphanPolicy {
  return { kind: 'newFolders', parentFolderId: 'msgfolderroot', names: [{ lastActiveParentEntryId: key, displayName }], ...extra };
}

describe('recover orphan policy validation', () => {
  it('accepts no policy, the fallback policy, and new folders with ordinary names', () => {
    const plain: JobSpec = { mailbox: { part: 'primary' }, action: { kind: 'recover', fallbackFolderId: 'F1' }, target: { kind: 'ids', ids: ['A1'] } };
    expect(validateArgument('startJob', plain).ok).toBe(true);
    expect(validateArgument('dryRun', withPolicy({ kind: 'fallback' })).ok).toBe(true);
    for (const name of ['Recovered folder 1 (14 items)', 'Projekte – Ü', 'Q&A [old] #2', 'x'.repeat(MAX_FOLDER_NAME)]) {
      const checked = validateArgument('startJob', withPolicy(policy(name)));
      expect(checked, name).toMatchObject({ ok: true });
      if (checked.ok && checked.value.action.kind === 'recover') expect(checked.value.action.orphans).toEqual(policy(name));
    }
  });

  it.each([
    ['an empty name', policy('')],
    ['a blank name', policy('   ')],
    ['a name too long', policy('x'.repeat(MAX_FOLDER_NAME + 1))],
    ['a control character', policy('bad\u0007name')],
    ['a line break', policy('two\nlines')],
    ['a slash', policy('Inbox/Sub')],
    ['a backslash', policy('Inbox\\Sub')],
    ['no names', { kind: 'newFolders', parentFolderId: 'msgfolderroot', names: [] }],
    ['no parent', { kind: 'newFolders', parentFolderId: '', names: [{ lastActiveParentEntryId: key, displayName: 'A' }] }],
    ['a key that is not base64', { kind: 'newFolders', parentFolderId: 'P', names: [{ lastActiveParentEntryId: 'not base64!', displayName: 'A' }] }],
    ['an unknown field', { ...policy('A'), extra: 1 }],
    ['an unknown field in a name', { kind: 'newFolders', parentFolderId: 'P', names: [{ lastActiveParentEntryId: key, displayName: 'A', color: 'red' }] }],
    ['an unknown kind', { kind: 'shred' }],
    [
      'too many folders',
      {
        kind: 'newFolders',
        parentFolderId: 'P',
        names: Array.from({ length: MAX_NEW_FOLDERS + 1 }, () => ({ lastActiveParentEntryId: key, displayName: 'A' })),
      },
    ],
  ])('refuses %s', (_what, orphans) => {
    const checked = validateArgument('startJob', withPolicy(orphans));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/^Invalid argument for startJob: action\.orphans/);
  });
});
