// cancelSignIn over IPC: it takes no argument (anything else is refused before the service sees
// it), and the binding hands it to the service even while a connect is still waiting, since it
// is what ends that connect.
import { describe, expect, it } from 'vitest';
import { bindIpc } from '../../electron/ipcHandlers';
import { validateArgument } from '../../electron/ipcValidation';
import { invokeChannel, type ConnectResult, type SweeperHandlers } from '../../shared/ipc';
import { FakeIpcMain, TRUSTED_EVENT } from './fakeIpcMain';

describe('cancelSignIn over IPC', () => {
  it('takes no argument only', () => {
    expect(validateArgument('cancelSignIn', undefined).ok).toBe(true);
    for (const arg of [null, {}, { all: true }, 'now', 1, []]) expect(validateArgument('cancelSignIn', arg).ok, JSON.stringify(arg)).toBe(false);
  });

  it('reaches the service while the connect it cancels is still waiting', async () => {
    let endConnect: (result: ConnectResult) => void = () => undefined;
    const handlers = {
      connect: () => new Promise<ConnectResult>((resolve) => (endConnect = resolve)),
      cancelSignIn: async () => {
        endConnect({ ok: false, error: { kind: 'cancelled', message: 'The sign-in in the browser was cancelled.' } });
        return { cancelled: true };
      },
    } as Partial<SweeperHandlers> as SweeperHandlers;
    const ipc = new FakeIpcMain();
    bindIpc(ipc, handlers, () => true);
    const connecting = ipc.invoke(invokeChannel('connect'), TRUSTED_EVENT, {
      backend: 'graph',
      graph: { tenantId: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000001', signIn: 'delegated', mailbox: 'admin@contoso.com' },
    });
    expect(await ipc.invoke(invokeChannel('cancelSignIn'), TRUSTED_EVENT, undefined)).toEqual({ cancelled: true });
    expect(await connecting).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    await expect(ipc.invoke(invokeChannel('cancelSignIn'), TRUSTED_EVENT, { force: true })).rejects.toThrow(/cancelSignIn/);
  });
});
