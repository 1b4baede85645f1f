// Job titles from the one builder both sides use: the service's (folders by id) and the readable
// one the renderer shows (folders by path).
import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../../shared/domain';
import { actionVerb, describeAction, describeMailbox, describeTarget, jobTitle, readableJobTitle } from '../../shared/jobTitle';

const alice = { smtp: 'alice@contoso.com', part: 'primary' as const };
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `id${i}`);
const paths = new Map([
  ['inbox', 'Inbox'],
  ['proj', 'Inbox / Projects'],
  ['dest', 'Archive 2019'],
]);
const nameOf = (id: string): string | undefined => paths.get(id);

describe("the service's title", () => {
  it('names the action, the target and the mailbox, folders by id', () => {
    const spec: JobSpec = {
      mailbox: { smtp: 'alice@contoso.com', part: 'archive' },
      action: { kind: 'move', toFolderId: 'dest' },
      target: { kind: 'ids', ids: ids(30) },
    };
    expect(jobTitle(spec)).toBe('Move to dest: 30 selected items in alice@contoso.com (archive)');
  });

  it('writes a query with its filter and exclusions, and the signed-in user when no mailbox is named', () => {
    const spec: JobSpec = {
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'query', folderId: 'inbox', filter: { subjectContains: 'invoice', senderContains: '' }, excludeIds: ['a', 'b'] },
    };
    expect(jobTitle(spec)).toBe('Delete (SoftDelete): items of folder inbox where subjectContains=invoice, 2 excluded in (signed-in user)');
  });

  it('describes recover and empty folder', () => {
    const recover: JobSpec = {
      mailbox: alice,
      action: {
        kind: 'recover',
        fallbackFolderId: 'fallback',
        orphans: {
          kind: 'newFolders',
          parentFolderId: 'p',
          names: [
            { lastActiveParentEntryId: 'a', displayName: 'A' },
            { lastActiveParentEntryId: 'b', displayName: 'B' },
          ],
        },
      },
      target: { kind: 'ids', ids: ids(1) },
    };
    expect(describeAction(recover)).toBe("Recover to original folder (fallback fallback; deleted folders' items into 2 new folders)");
    expect(describeAction(recover, nameOf)).toBe("Recover to original folder (fallback fallback; deleted folders' items into 2 new folders)");
    expect(describeTarget(recover)).toBe('1 selected item');
    const empty: JobSpec = {
      mailbox: alice,
      action: { kind: 'emptyFolder', folderId: 'inbox', mode: 'HardDelete', deleteSubFolders: true },
      target: { kind: 'ids', ids: [] },
    };
    expect(jobTitle(empty)).toBe('Empty folder (HardDelete, with subfolders): folder inbox in alice@contoso.com');
    expect(describeMailbox(empty)).toBe('alice@contoso.com');
  });

  it('names folders by path where the caller knows them (the audit report)', () => {
    const spec: JobSpec = { mailbox: alice, action: { kind: 'copy', toFolderId: 'dest' }, target: { kind: 'ids', ids: ids(2) } };
    expect(describeAction(spec, nameOf)).toBe('Copy to Archive 2019');
  });
});

describe('the readable title', () => {
  it('names folders by path, counts with separators, and adds the mailbox', () => {
    const spec: JobSpec = { mailbox: alice, action: { kind: 'move', toFolderId: 'dest' }, target: { kind: 'ids', ids: ids(100), folderId: 'inbox' } };
    // The history keeps the first 100 ids: the job's total counts.
    expect(readableJobTitle(spec, nameOf, 2500)).toBe('Move 2,500 selected items to Archive 2019 (alice@contoso.com)');
  });

  it('says when a filter or exclusions apply', () => {
    const spec: JobSpec = {
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'query', folderId: 'proj', filter: { receivedBefore: '2020-01-01T00:00:00.000Z' }, excludeIds: ['x'] },
    };
    expect(readableJobTitle(spec, nameOf)).toBe('Hard delete all items matching the filter in Inbox / Projects except 1 item');
    expect(readableJobTitle({ ...spec, target: { kind: 'query', folderId: 'proj', filter: {} } }, nameOf)).toBe('Hard delete all items in Inbox / Projects');
  });

  it('empties a folder by name', () => {
    const spec: JobSpec = {
      mailbox: { part: 'primary' },
      action: { kind: 'emptyFolder', folderId: 'proj', mode: 'SoftDelete', deleteSubFolders: false },
      target: { kind: 'ids', ids: [] },
    };
    expect(readableJobTitle(spec, nameOf)).toBe('Empty folder Inbox / Projects');
  });

  it('gives up (undefined) when a folder the job names is unknown', () => {
    const spec: JobSpec = { mailbox: alice, action: { kind: 'copy', toFolderId: 'gone' }, target: { kind: 'query', folderId: 'inbox', filter: {} } };
    expect(readableJobTitle(spec, nameOf)).toBeUndefined();
    expect(readableJobTitle({ ...spec, target: { kind: 'query', folderId: 'gone', filter: {} } }, nameOf)).toBeUndefined();
  });
});

describe('actionVerb', () => {
  it('names each action and delete mode', () => {
    expect(actionVerb({ kind: 'delete', mode: 'MoveToDeletedItems' })).toBe('Delete');
    expect(actionVerb({ kind: 'delete', mode: 'SoftDelete' })).toBe('Soft delete');
    expect(actionVerb({ kind: 'delete', mode: 'HardDelete' })).toBe('Hard delete');
    expect(actionVerb({ kind: 'emptyFolder', folderId: 'f', mode: 'HardDelete', deleteSubFolders: false })).toBe('Empty permanently');
    expect(actionVerb({ kind: 'recover', fallbackFolderId: 'f' })).toBe('Recover');
  });
});
