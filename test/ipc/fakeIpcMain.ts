// An ipcMain-shaped registry for tests: records handlers by channel and invokes them as
// Electron would (a thrown error becomes a rejected promise in the caller).
import type { IpcMainLike, InvokeEventLike } from '../../electron/ipcHandlers';

export const APP_PAGE = 'app://sweeper/index.html';
export const TRUSTED_EVENT: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: APP_PAGE } };
export const FOREIGN_EVENTS: readonly { what: string; event: InvokeEventLike }[] = [
  { what: 'another webContents', event: { sender: { id: 2 }, senderFrame: { url: APP_PAGE } } },
  { what: 'a remote page in the app window', event: { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/index.html' } } },
  { what: 'a file:// page in the app window', event: { sender: { id: 1 }, senderFrame: { url: 'file:///tmp/index.html' } } },
  { what: 'a frame that is gone', event: { sender: { id: 1 }, senderFrame: null } },
];

export class FakeIpcMain implements IpcMainLike<InvokeEventLike> {
  readonly handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => unknown>();

  handle(channel: string, listener: (event: InvokeEventLike, arg: unknown) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(channel: string, event: InvokeEventLike, arg: unknown): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, arg);
  }
}
