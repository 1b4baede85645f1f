// The only door out of the page: `window.sweeper`, one method per operation of shared/ipc.ts
// plus the event subscriptions. No generic invoke and no raw ipcRenderer reach the page.
// Built as CommonJS because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, invokeChannel, sweeperMethods, type SweeperApi, type SweeperEvent, type SweeperEventContract } from '../shared/ipc';
import type { JobProgress, MultiJobProgress } from '../shared/domain';
import type { MultiSearchEvent } from '../shared/multiIpc';

function subscribe<E extends SweeperEvent>(event: E, listener: (payload: SweeperEventContract[E]) => void): () => void {
  const channel = eventChannel(event);
  // The IPC event object is not passed on: it would hand the page a reference to ipcRenderer's sender.
  const wrapped = (_event: IpcRendererEvent, payload: SweeperEventContract[E]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

function buildApi(): SweeperApi {
  const methods: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const method of sweeperMethods) {
    const channel = invokeChannel(method);
    methods[method] = (arg?: unknown) => ipcRenderer.invoke(channel, arg);
  }
  const subscriptions = {
    onJobProgress: (listener: (progress: JobProgress) => void) => subscribe('jobProgress', listener),
    onJobsChanged: (listener: () => void) => subscribe('jobsChanged', () => listener()),
    onMultiSearchProgress: (listener: (event: MultiSearchEvent) => void) => subscribe('multiSearchProgress', listener),
    onMultiJobProgress: (listener: (progress: MultiJobProgress) => void) => subscribe('multiJobProgress', listener),
  };
  // The loop above defines exactly the methods of the contract (sweeperMethods is checked against it).
  return { ...methods, ...subscriptions } as SweeperApi;
}

contextBridge.exposeInMainWorld('sweeper', buildApi());
