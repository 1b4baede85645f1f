// The connect screen's store around Cancel for an EWS connect waiting on its server: the attempt
// says which server it waits on (connectingTo, for "Connecting to <host>…" with Cancel); Cancel asks
// the main process (the same cancelSignIn), and the attempt that then ends as 'cancelled' leaves
// "Connection to <host> cancelled" and no error; a late cancel leaves the connect's own answer; a
// browser sign-in and the demo mailbox name no server.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectRequest, ConnectResult, SessionInfo } from '../../shared/ipc';
import { emptyDraft, type ConnectDraft } from '../../renderer/src/lib/connectRequest';

const globals = globalThis as unknown as { window?: { sweeper: unknown } };
afterEach(() => {
  delete globals.window;
});

const draft: ConnectDraft = { ...emptyDraft, url: 'https://mail.contso.com/EWS/Exchange.asmx', user: 'admin@contoso.com' };
const session: SessionInfo = {
  url: 'https://mail.contoso.com/EWS/Exchange.asmx',
  signedInWith: 'NTLM',
  mailbox: 'admin@contoso.com',
  demo: false,
  hasArchive: false,
};
const noSecrets = { secret: 'Passw0rd!', proxyPassword: '' };
const cancelled: ConnectResult = { ok: false, error: { kind: 'cancelled', message: 'The connection attempt was cancelled.' } };

/** A main process whose connects wait until the test answers them; counts the cancels. */
function fakeSweeper() {
  const fake = {
    cancels: 0,
    requests: [] as ConnectRequest[],
    answer: (_result: ConnectResult): void => undefined,
    connect: (request: ConnectRequest) =>
      new Promise<ConnectResult>((resolve) => {
        fake.requests.push(request);
        fake.answer = resolve;
      }),
    connectProfile: (_arg: { profileId: string }) =>
      new Promise<ConnectResult>((resolve) => {
        fake.answer = resolve;
      }),
    openDemo: () =>
      new Promise<ConnectResult>((resolve) => {
        fake.answer = resolve;
      }),
    cancelSignIn: async () => {
      fake.cancels++;
      return { cancelled: true };
    },
  };
  globals.window = { sweeper: fake };
  return fake;
}

describe('Cancel for an EWS connect in the session store', () => {
  it('a connect names the server it waits on; cancelled, it says so as a state, not an error; the next connect clears it', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    useSessionStore.setState({ session: undefined });
    const pending = useSessionStore.getState().connect(draft, noSecrets, { save: true });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: false, connectingTo: 'mail.contso.com', cancelledTo: undefined });
    await useSessionStore.getState().cancelSignIn();
    expect(main.cancels).toBe(1);
    main.answer(cancelled);
    expect(await pending).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({
      connecting: false,
      connectingTo: undefined,
      signInCancelled: true,
      cancelledTo: 'mail.contso.com',
      error: undefined,
      session: undefined,
    });

    const again = useSessionStore.getState().connect({ ...draft, url: 'https://mail.contoso.com/EWS/Exchange.asmx' }, noSecrets, { save: false });
    expect(useSessionStore.getState()).toMatchObject({ connectingTo: 'mail.contoso.com', signInCancelled: false, cancelledTo: undefined });
    main.answer({ ok: true, session });
    expect(await again).toBe(true);
    expect(useSessionStore.getState()).toMatchObject({ session, connecting: false, connectingTo: undefined, signInCancelled: false });
  });

  it('a cancel that comes after the connect finished leaves the connect’s answer', async () => {
    const main = fakeSweeper();
    main.cancelSignIn = async () => ({ cancelled: false });
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    useSessionStore.setState({ session: undefined });
    const pending = useSessionStore.getState().connect(draft, noSecrets, { save: false });
    await useSessionStore.getState().cancelSignIn();
    main.answer({ ok: true, session });
    expect(await pending).toBe(true);
    expect(useSessionStore.getState()).toMatchObject({ session, signInCancelled: false, cancelledTo: undefined, error: undefined });
  });

  it('a saved EWS profile names its server (host and port) the same way', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const pending = useSessionStore
      .getState()
      .connectProfile({ id: 'p1', name: 'Lab', url: 'https://10.0.0.5:8443/EWS/Exchange.asmx', authKind: 'basic', user: 'admin', hasSecret: true });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: false, connectingTo: '10.0.0.5:8443' });
    main.answer(cancelled);
    expect(await pending).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({ signInCancelled: true, cancelledTo: '10.0.0.5:8443', error: undefined });
  });

  it('a browser sign-in and the demo mailbox name no server', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const m365 = useSessionStore.getState().connect({ ...draft, authKind: 'microsoft365' }, noSecrets, { save: false });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: true, connectingTo: undefined });
    main.answer(cancelled);
    await m365;
    // Cancelled in its browser step: "Sign-in cancelled", not a server's name.
    expect(useSessionStore.getState()).toMatchObject({ signInCancelled: true, cancelledTo: undefined });

    const demo = useSessionStore.getState().openDemo();
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, connectingTo: undefined });
    main.answer({ ok: true, session: { ...session, demo: true } });
    expect(await demo).toBe(true);
  });

  it('hostOf reads the host of an address, and keeps what does not parse', async () => {
    const { hostOf } = await import('../../renderer/src/stores/sessionStore');
    expect(hostOf(' https://mail.contoso.com/EWS/Exchange.asmx ')).toBe('mail.contoso.com');
    expect(hostOf('http://127.0.0.1:8080/EWS/Exchange.asmx')).toBe('127.0.0.1:8080');
    expect(hostOf('mail.contoso')).toBe('mail.contoso');
  });
});
