// The one "not connected" error: what the service throws before any connection (folders, items,
// jobs; the many-mailbox service built without an account), and how the renderer recognises it
// after it crossed IPC as text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMultiMailboxService } from '../../electron/service/multiMailbox';
import { NotConnectedError } from '../../electron/service/notConnected';
import { isNotConnectedError, NOT_CONNECTED_CODE, NOT_CONNECTED_MESSAGE } from '../../shared/serviceErrors';
import { createRig, type ServiceRig } from './helpers';

const rigs: ServiceRig[] = [];
afterEach(async () => {
  while (rigs.length > 0) await rigs.pop()?.close();
});

/** Resolves with what `call` rejected with (fails the test when it resolves). */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.fail('the call should have been refused'),
    (error: unknown) => error,
  );
}

describe('NotConnectedError', () => {
  it('carries the one message and code', () => {
    const error = new NotConnectedError();
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(NOT_CONNECTED_MESSAGE);
    expect(error.code).toBe(NOT_CONNECTED_CODE);
    // Electron sends String(error) to the renderer; the renderer strips "Error: ".
    expect(String(error)).toBe(`Error: ${NOT_CONNECTED_MESSAGE}`);
  });
});

describe('isNotConnectedError', () => {
  it('recognises the error itself and its text after crossing IPC', () => {
    expect(isNotConnectedError(new NotConnectedError())).toBe(true);
    // What Electron's ipcRenderer.invoke rejects with, and what the e2e harness rejects with.
    expect(isNotConnectedError(new Error(`Error invoking remote method 'listFolders': Error: ${NOT_CONNECTED_MESSAGE}`))).toBe(true);
    expect(isNotConnectedError(new Error(NOT_CONNECTED_MESSAGE))).toBe(true);
  });

  it('does not take other errors or values for it', () => {
    expect(isNotConnectedError(new Error('The server could not be reached.'))).toBe(false);
    expect(isNotConnectedError(new Error(`${NOT_CONNECTED_MESSAGE} And then something else failed.`))).toBe(false);
    expect(isNotConnectedError({ code: 'OTHER', message: 'Not connected' })).toBe(false);
    expect(isNotConnectedError(NOT_CONNECTED_MESSAGE)).toBe(false);
    expect(isNotConnectedError(undefined)).toBe(false);
    expect(isNotConnectedError(null)).toBe(false);
  });
});

describe('the service before any connection', () => {
  it('refuses folder, item and job calls with NotConnectedError', async () => {
    const rig = await createRig();
    rigs.push(rig);
    const calls = [
      rig.service.listFolders({ part: 'primary' }),
      rig.service.listItems({ folderId: 'inbox', offset: 0, max: 10 }),
      rig.service.dryRun({
        mailbox: { part: 'primary' },
        action: { kind: 'delete', mode: 'SoftDelete' },
        target: { kind: 'query', folderId: 'inbox', filter: {} },
      }),
    ];
    for (const call of calls) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(NotConnectedError);
      expect(isNotConnectedError(error)).toBe(true);
    }
  });
});

describe('the many-mailbox service without an account', () => {
  const dir = mkdtempSync(join(tmpdir(), 'not-connected-'));
  const service = createMultiMailboxService({ dataDir: dir });
  afterAll(() => {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses what needs a sign-in with NotConnectedError', async () => {
    expect(await rejection(service.testMailbox('alice@contoso.com'))).toBeInstanceOf(NotConnectedError);
    expect(await rejection(service.selectMailboxes({ names: ['alice'] }))).toBeInstanceOf(NotConnectedError);
  });

  it('still lists its history', async () => {
    await expect(service.list()).resolves.toEqual([]);
  });
});
