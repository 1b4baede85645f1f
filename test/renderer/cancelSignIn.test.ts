// The connect screen's store around Cancel sign-in: a Graph connect (or EWS through Microsoft 365)
// is marked as signing in (the screen offers Cancel), another EWS one is not; Cancel asks the main process, and the attempt that then
// ends as 'cancelled' leaves "Sign-in cancelled" and no error; a late cancel leaves the connect's
// own answer (connected); the next connect clears the cancelled state.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectRequest, ConnectResult, SessionInfo } from '../../shared/ipc';
import { emptyDraft, type ConnectDraft } from '../../renderer/src/lib/connectRequest';

const globals = globalThis as unknown as { window?: { sweeper: unknown } };
afterEach(() => {
  delete globals.window;
});

const graphDraft: ConnectDraft = {
  ...emptyDraft,
  backend: 'graph',
  graph: { ...emptyDraft.graph, tenantId: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000001', mailbox: 'admin@contoso.com' },
};
const session: SessionInfo = {
  backend: 'graph',
  url: 'https://graph.microsoft.com/v1.0',
  signedInWith: 'Microsoft Graph (delegated)',
  mailbox: 'admin@contoso.com',
  demo: false,
  hasArchive: false,
};
const noSecrets = { secret: '', proxyPassword: '' };

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
    cancelSignIn: async () => {
      fake.cancels++;
      return { cancelled: true };
    },
  };
  globals.window = { sweeper: fake };
  return fake;
}

describe('Cancel sign-in in the session store', () => {
  it('a cancelled Graph connect ends as "cancelled", not as an error; the next connect clears it', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const store = useSessionStore.getState();
    const pending = store.connect(graphDraft, noSecrets, { save: false });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: true, signInCancelled: false });
    await useSessionStore.getState().cancelSignIn();
    expect(main.cancels).toBe(1);
    main.answer({ ok: false, error: { kind: 'cancelled', message: 'The sign-in in the browser was cancelled.' } });
    expect(await pending).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({ connecting: false, signingIn: false, signInCancelled: true, error: undefined });

    const again = useSessionStore.getState().connect(graphDraft, noSecrets, { save: false });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signInCancelled: false });
    main.answer({ ok: true, session });
    expect(await again).toBe(true);
    expect(useSessionStore.getState()).toMatchObject({ session, connecting: false, signingIn: false, signInCancelled: false });
  });

  it('a cancel that comes after the sign-in finished leaves the connect’s answer', async () => {
    const main = fakeSweeper();
    main.cancelSignIn = async () => ({ cancelled: false });
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    useSessionStore.setState({ session: undefined });
    const pending = useSessionStore.getState().connect(graphDraft, noSecrets, { save: false });
    await useSessionStore.getState().cancelSignIn();
    main.answer({ ok: true, session });
    expect(await pending).toBe(true);
    expect(useSessionStore.getState()).toMatchObject({ session, signInCancelled: false, error: undefined });
  });

  it('a saved Graph profile signs in the same way: Cancel sign-in is offered while it connects', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const settings = {
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '00000000-0000-0000-0000-000000000001',
      signIn: 'delegated' as const,
      mailbox: 'admin@contoso.com',
    };
    const pending = useSessionStore
      .getState()
      .connectProfile({ id: 'p1', name: 'Contoso (Graph)', url: '', authKind: 'bearer', hasSecret: false, backend: 'graph', graph: settings });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: true });
    await useSessionStore.getState().cancelSignIn();
    expect(main.cancels).toBe(1);
    main.answer({ ok: false, error: { kind: 'cancelled', message: 'The sign-in in the browser was cancelled.' } });
    expect(await pending).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({ connecting: false, signingIn: false, signInCancelled: true, error: undefined });
  });

  it('an EWS connect signing in through Microsoft 365 offers Cancel sign-in too', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const draft: ConnectDraft = {
      ...emptyDraft,
      url: 'https://outlook.office365.com/EWS/Exchange.asmx',
      authKind: 'microsoft365',
      // The Microsoft 365 sign-in's tenant and app come from the same fields as a Graph profile's.
      graph: graphDraft.graph,
    };
    const pending = useSessionStore.getState().connect(draft, noSecrets, { save: false });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: true });
    expect(main.requests.at(-1)).toMatchObject({ authKind: 'microsoft365', microsoft365: { tenantId: 'contoso.onmicrosoft.com' } });
    main.answer({ ok: false, error: { kind: 'cancelled', message: 'The sign-in in the browser was cancelled.' } });
    expect(await pending).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({ signingIn: false, signInCancelled: true, error: undefined });
  });

  it('an EWS connect offers no Cancel sign-in, and its errors stay errors', async () => {
    const main = fakeSweeper();
    const { useSessionStore } = await import('../../renderer/src/stores/sessionStore');
    const pending = useSessionStore.getState().connect({ ...emptyDraft, url: 'https://mail.contoso.com/EWS/Exchange.asmx' }, noSecrets, { save: false });
    expect(useSessionStore.getState()).toMatchObject({ connecting: true, signingIn: false });
    main.answer({ ok: false, error: { kind: 'auth', message: 'The user name or password is wrong.' } });
    expect(await pending).toBe(false);
    expect(useSessionStore.getState()).toMatchObject({ signInCancelled: false, error: { kind: 'auth' } });
  });
});
