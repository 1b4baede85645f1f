// Sign out in the session store: a connection the service marked as resting on the kept Microsoft
// sign-in (closedBySignOut: Graph, or EWS signed in through Microsoft 365) leaves the main screen
// with it, because the service closed it; an EWS connection signed in otherwise stays open.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/ipc';

const globals = globalThis as unknown as { window?: { sweeper: unknown } };
afterEach(() => {
  delete globals.window;
});

const ewsSession: SessionInfo = {
  url: 'https://outlook.office365.com/EWS/Exchange.asmx',
  signedInWith: 'Microsoft 365 sign-in',
  mailbox: 'admin@contoso.com',
  demo: false,
  hasArchive: false,
  closedBySignOut: true,
};

function fakeSweeper() {
  const fake = {
    signOuts: 0,
    signOut: async () => {
      fake.signOuts++;
      return { ok: true };
    },
  };
  globals.window = { sweeper: fake };
  return fake;
}

describe('Sign out in the session store', () => {
  it('closes an EWS session signed in through Microsoft 365 and says so', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const { useNoticeStore } = await import('../../renderer/src/stores/noticeStore');
    useSessionStore.setState({ session: ewsSession });
    await useSessionStore.getState().signOut();
    expect(main.signOuts).toBe(1);
    expect(useSessionStore.getState().session).toBeUndefined();
    expect(useNoticeStore.getState().text).toBe('Signed out of Microsoft 365 on this computer.');
  });

  it('leaves a connection that does not rest on the kept sign-in open', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const basic: SessionInfo = {
      url: 'https://mail.contoso.com/EWS/Exchange.asmx',
      signedInWith: 'Basic',
      mailbox: 'admin@contoso.com',
      demo: false,
      hasArchive: false,
    };
    useSessionStore.setState({ session: basic });
    await useSessionStore.getState().signOut();
    expect(main.signOuts).toBe(1);
    expect(useSessionStore.getState().session).toEqual(basic);
  });
});
