// The preload bridge, run against a recording stand-in for Electron's contextBridge and
// ipcRenderer: it must expose exactly the contract's methods and the two subscriptions.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel, invokeChannel, sweeperMethods, type SweeperApi } from '../../shared/ipc';

type Listener = (event: unknown, payload: unknown) => void;

const bridge = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; arg: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  return { exposed, invoked, listeners };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (channel: string, arg: unknown) => {
      bridge.invoked.push({ channel, arg });
      return Promise.resolve(`answer of ${channel}`);
    },
    on: (channel: string, listener: Listener) => {
      const set = bridge.listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      bridge.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => bridge.listeners.get(channel)?.delete(listener),
  },
}));

function fire(channel: string, payload: unknown): void {
  for (const listener of bridge.listeners.get(channel) ?? []) listener({ sender: 'ipc-internals' }, payload);
}

let api: SweeperApi;

beforeAll(async () => {
  await import('../../electron/preload');
  api = bridge.exposed.get('sweeper') as SweeperApi;
});

describe('preload', () => {
  it('exposes only window.sweeper with one function per method plus the subscriptions', () => {
    expect([...bridge.exposed.keys()]).toEqual(['sweeper']);
    expect(Object.keys(api).sort()).toEqual([...sweeperMethods, 'onJobProgress', 'onJobsChanged', 'onMultiSearchProgress', 'onMultiJobProgress'].sort());
    expect(Object.keys(api)).not.toContain('invoke');
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes each method on its own channel with the argument', async () => {
    await expect(api.listItems({ folderId: 'F1', offset: 0, max: 10 })).resolves.toBe('answer of sweeper:listItems');
    await api.listJobs();
    expect(bridge.invoked).toEqual([
      { channel: invokeChannel('listItems'), arg: { folderId: 'F1', offset: 0, max: 10 } },
      { channel: invokeChannel('listJobs'), arg: undefined },
    ]);
  });

  it('delivers events without the IPC event object and stops after unsubscribe', () => {
    const progress: unknown[] = [];
    let changes = 0;
    const stopProgress = api.onJobProgress((event) => progress.push(event));
    const stopChanges = api.onJobsChanged((...args: unknown[]) => {
      expect(args).toEqual([]);
      changes += 1;
    });
    fire(eventChannel('jobProgress'), { kind: 'planning', jobId: 'job-1', found: 1 });
    fire(eventChannel('jobsChanged'), undefined);
    stopProgress();
    stopChanges();
    fire(eventChannel('jobProgress'), { kind: 'planning', jobId: 'job-1', found: 2 });
    fire(eventChannel('jobsChanged'), undefined);
    expect(progress).toEqual([{ kind: 'planning', jobId: 'job-1', found: 1 }]);
    expect(changes).toBe(1);
    expect(bridge.listeners.get(eventChannel('jobProgress'))?.size).toBe(0);
  });
});
