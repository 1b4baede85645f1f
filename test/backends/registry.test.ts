// The one way the service reaches a backend: the registry in electron/backends/port.ts, filled by
// electron/backends/index.ts registerBackends (EWS always, Microsoft Graph when its sign-in's
// dependencies are lent, as electron/main.ts does).
import { afterEach, describe, expect, it } from 'vitest';
import { registerBackends } from '../../electron/backends';
import { backendConnector, registerBackend, registeredBackend, type GraphConnector } from '../../electron/backends/port';
import type { SecretStore } from '../../electron/service';

const undo: Array<() => void> = [];
afterEach(() => {
  while (undo.length > 0) undo.pop()?.();
  // The test setup's registration (test/support/registerBackends.ts) for the next file's tests.
  registerBackends();
});

function fakeGraph(): GraphConnector & { closed: number } {
  const connector = {
    kind: 'graph' as const,
    closed: 0,
    testConnection: async () => ({ ok: true, steps: [] }),
    open: async () => ({ ok: false as const, error: { kind: 'unavailable' as const, message: 'fake' } }),
    openMailboxes: async () => ({ ok: false as const, error: { kind: 'unavailable' as const, message: 'fake' } }),
    signOut: async () => undefined,
    cancelSignIn: () => false,
    close: () => {
      connector.closed++;
    },
  };
  return connector;
}

const noKeyStore: SecretStore = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('no key store');
  },
  decrypt: () => {
    throw new Error('no key store');
  },
};

describe('backend registry', () => {
  it('has EWS and no Graph when the entry point lends Graph nothing (the command line, the EWS tests)', () => {
    registerBackends();
    expect(backendConnector('ews').kind).toBe('ews');
    expect(registeredBackend('graph')).toBeUndefined();
    expect(() => backendConnector('graph')).toThrow(/No graph backend is registered/);
  });

  it('registers a Graph connector the same way, and its undo removes only that one', () => {
    const first = fakeGraph();
    const second = fakeGraph();
    const undoFirst = registerBackend(first);
    undo.push(registerBackend(second));
    expect(registeredBackend('graph')).toBe(second);
    // The first one's undo comes late: the current registration stays.
    undoFirst();
    expect(registeredBackend('graph')).toBe(second);
    undo.pop()?.();
    expect(registeredBackend('graph')).toBeUndefined();
  });

  it("builds the app's Graph sign-in from what the main process lends, and its undo closes it", () => {
    const unregister = registerBackends({ graph: { dataDir: '/nonexistent-sweeper-test', secrets: noKeyStore, openUrl: async () => undefined } });
    const graph = registeredBackend('graph');
    expect(graph?.kind).toBe('graph');
    expect(backendConnector('ews').kind).toBe('ews');
    unregister();
    expect(registeredBackend('graph')).toBeUndefined();
  });
});
