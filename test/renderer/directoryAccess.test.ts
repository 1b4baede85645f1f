// The Many mailboxes screen's directory access store: it shows what the service says the connection
// can look up; Allow asks the main process and ends allowed (checked again), cancelled (Cancel
// sign-in, said as such, not an error), or refused with the service's words; Cancel sign-in asks the
// main process; reset forgets the last connection's answer.
import { afterEach, describe, expect, it } from 'vitest';
import type { AllowDirectoryResult, DirectoryAccess } from '../../shared/multiIpc';

const globals = globalThis as unknown as { window?: { sweeper: unknown } };
afterEach(() => {
  delete globals.window;
});

function fakeSweeper(access: DirectoryAccess[], allow: AllowDirectoryResult) {
  const fake = {
    cancels: 0,
    checks: 0,
    multiDirectoryAccess: async () => access[Math.min(fake.checks++, access.length - 1)],
    multiAllowDirectory: async () => allow,
    cancelSignIn: async () => {
      fake.cancels += 1;
      return { cancelled: true };
    },
  };
  globals.window = { sweeper: fake };
  return fake;
}

const needed: DirectoryAccess = { state: 'consentNeeded', scopes: ['User.ReadBasic.All', 'GroupMember.Read.All'], message: 'Directory access is not allowed' };

describe('directory access store', () => {
  it('allowed: the outcome says so and the state is checked again', async () => {
    fakeSweeper([needed, { state: 'allowed' }], { ok: true });
    const { useDirectoryAccessStore } = await import('../../renderer/src/stores/directoryAccessStore');
    const store = useDirectoryAccessStore;
    store.getState().reset();
    await store.getState().check();
    expect(store.getState().access).toEqual(needed);
    await store.getState().allow();
    expect(store.getState()).toMatchObject({ allowing: false, access: { state: 'allowed' }, outcome: { ok: true } });
    store.getState().reset();
    expect(store.getState().access).toBeUndefined();
  });

  it('cancelled and refused are said in words; Cancel sign-in reaches the main process', async () => {
    const fake = fakeSweeper([needed], { ok: false, cancelled: true, message: 'The sign-in in the browser was cancelled.' });
    const { useDirectoryAccessStore } = await import('../../renderer/src/stores/directoryAccessStore');
    const store = useDirectoryAccessStore;
    store.getState().reset();
    await store.getState().allow();
    expect(store.getState().outcome).toEqual({ ok: false, message: 'Sign-in cancelled: directory access was not allowed.' });
    await store.getState().cancel();
    expect(fake.cancels).toBe(1);

    fakeSweeper([needed], { ok: false, cancelled: false, message: 'Directory access was not allowed: … (AADSTS65004).' });
    await store.getState().allow();
    expect(store.getState().outcome).toEqual({ ok: false, message: 'Directory access was not allowed: … (AADSTS65004).' });
    expect(store.getState().access).toEqual(needed);
  });
});
