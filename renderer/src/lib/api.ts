// The only door out of the page: `window.sweeper`, built by the preload (or the e2e harness)
// from shared/ipc.ts.
import type { SweeperApi } from '../../../shared/ipc';

declare global {
  interface Window {
    sweeper: SweeperApi;
  }
}

export function sweeper(): SweeperApi {
  return window.sweeper;
}

/** Turns a rejected IPC call into a sentence for the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
  return String(error);
}
