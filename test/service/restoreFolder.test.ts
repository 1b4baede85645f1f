// The "Restore folder" use-case over a scripted backend: success, each refusal in the admin's
// words, and a request that failed (maybe moved all the same).
import { describe, expect, it } from 'vitest';
import { restoreFolder } from '../../electron/service/restoreFolder';
import { BackendRequestError, type JobBackend, type MoveFolderResult } from '../../electron/jobs/backend';
import { FakeBackend } from '../jobs/fakeBackend';

function answering(result: MoveFolderResult | Error): JobBackend {
  const fb = new FakeBackend();
  fb.moveFolder = async () => {
    if (result instanceof Error) throw result;
    return result;
  };
  return fb;
}

describe('restoreFolder', () => {
  it('moves the folder under the chosen parent', async () => {
    const fb = new FakeBackend();
    fb.addFolder('trash-sub', 'Old project', 'deleteditems');
    expect(await restoreFolder(fb, { folderId: 'trash-sub', toFolderId: 'inbox' })).toEqual({ ok: true });
    expect(fb.folders.get('trash-sub')?.parentId).toBe('inbox');
  });

  it('refuses moving a folder into itself without asking the server', async () => {
    const fb = new FakeBackend();
    let asked = false;
    fb.moveFolder = async () => {
      asked = true;
      return { status: 'moved', id: 'x' };
    };
    expect(await restoreFolder(fb, { folderId: 'a', toFolderId: 'a' })).toMatchObject({ ok: false });
    expect(asked).toBe(false);
  });

  it.each([
    ['ErrorFolderNotFound', /no longer exists/],
    ['ErrorToFolderNotFound', /destination folder no longer exists/],
    ['ErrorFolderExists', /already has a folder of that name/],
    ['ErrorMoveDistinguishedFolder', /built-in folder/],
    ['ErrorAccessDenied', /ErrorAccessDenied: denied here/],
  ])('says what %s means', async (code, message) => {
    const result = await restoreFolder(answering({ status: 'refused', code, message: 'denied here' }), { folderId: 'a', toFolderId: 'b' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('a request without an answer may have moved it: the admin is told to look', async () => {
    const lost = new BackendRequestError({ kind: 'transient', code: 'Timeout', message: 'no answer', mayHaveExecuted: true });
    const result = await restoreFolder(answering(lost), { folderId: 'a', toFolderId: 'b' });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/may have been moved all the same/) });
  });
});
