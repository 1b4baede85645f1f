// Binds the contract of shared/ipc.ts to an ipcMain-like registry. Every call is checked twice
// before it reaches the service: the sender must be the app's own window, and the argument
// must pass its runtime schema. Takes minimal interfaces so tests drive it without Electron.
import { eventChannel, invokeChannel, sweeperMethods, type SweeperEmit, type SweeperHandlers, type SweeperMethod } from '../shared/ipc';
import { validateArgument } from './ipcValidation';

/** The part of Electron's ipcMain this module uses; the real ipcMain satisfies it. */
export interface IpcMainLike<Event> {
  handle(channel: string, listener: (event: Event, arg: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

/** The fields of an invoke event the trust check reads (Electron's IpcMainInvokeEvent has them). */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

/** Thrown (and so rejected in the renderer) when a call is refused before reaching the service. */
export class IpcRejection extends Error {
  override readonly name = 'IpcRejection';
}

export interface TrustedWindow {
  webContentsId: number;
  isAppUrl(url: string): boolean;
}

/** A sender is trusted when it is the app's window showing the app's own page. */
export function isTrustedSender(event: InvokeEventLike, window: TrustedWindow | undefined): boolean {
  if (window === undefined || event.sender.id !== window.webContentsId) return false;
  const frame = event.senderFrame;
  return frame !== null && window.isAppUrl(frame.url);
}

/**
 * Registers one handler per method; returns a function that removes them all.
 * A refused call throws an IpcRejection naming the reason and never calls the service.
 */
export function bindIpc<Event>(ipcMain: IpcMainLike<Event>, handlers: SweeperHandlers, trusted: (event: Event) => boolean): () => void {
  for (const method of sweeperMethods) {
    ipcMain.handle(invokeChannel(method), (event, arg) => {
      if (!trusted(event)) {
        throw new IpcRejection(`Refused ${method}: the call did not come from the Mailbox Sweeper window.`);
      }
      const checked = validateArgument(method, arg);
      if (!checked.ok) throw new IpcRejection(checked.message);
      return callHandler(handlers, method, checked.value);
    });
  }
  return () => {
    for (const method of sweeperMethods) ipcMain.removeHandler(invokeChannel(method));
  };
}

function callHandler<M extends SweeperMethod>(handlers: SweeperHandlers, method: M, arg: Parameters<SweeperHandlers[M]>[0]): Promise<unknown> {
  const handler = handlers[method] as (value: typeof arg) => Promise<unknown>;
  return handler.call(handlers, arg);
}

/** Where events go: the window's webContents in Electron. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** An emitter that sends each event on its channel to the current window, if any. */
export function createWindowEmitter(currentTarget: () => EventSink | undefined): SweeperEmit {
  return (event, payload) => {
    const target = currentTarget();
    if (target === undefined || target.isDestroyed()) return;
    target.send(eventChannel(event), payload);
  };
}
