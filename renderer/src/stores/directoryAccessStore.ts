// "Allow directory access…" on the Many mailboxes screen: whether names and groups can be looked up
// on this connection (asked of the service once they were first used and something came back
// unresolved), and the browser step that asks the directory permissions (delegated Graph), which
// Cancel sign-in ends. The service decides what a connection can ask; the screen only shows it.
import { create } from 'zustand';
import type { DirectoryAccess } from '../../../shared/multiIpc';
import { errorMessage, sweeper } from '../lib/api';

export interface AllowOutcome {
  ok: boolean;
  message: string;
}

interface DirectoryAccessState {
  access?: DirectoryAccess;
  allowing: boolean;
  outcome?: AllowOutcome;
  /** Asks the service (after names or groups came back unresolved, or the type-ahead failed). */
  check: () => Promise<void>;
  allow: () => Promise<void>;
  cancel: () => Promise<void>;
  reset: () => void;
}

const ALLOWED = 'Directory access allowed: groups and names can be looked up now.';
const CANCELLED = 'Sign-in cancelled: directory access was not allowed.';

export const useDirectoryAccessStore = create<DirectoryAccessState>()((set, get) => ({
  access: undefined,
  allowing: false,
  outcome: undefined,
  check: async () => {
    try {
      set({ access: await sweeper().multiDirectoryAccess() });
    } catch {
      // Not connected any more: nothing to offer.
      set({ access: undefined });
    }
  },
  allow: async () => {
    set({ allowing: true, outcome: undefined });
    let outcome: AllowOutcome;
    try {
      const result = await sweeper().multiAllowDirectory();
      outcome = result.ok ? { ok: true, message: ALLOWED } : { ok: false, message: result.cancelled ? CANCELLED : result.message };
    } catch (error) {
      outcome = { ok: false, message: errorMessage(error) };
    }
    // The browser step is over: its notice goes as the outcome comes (not after the check below, which asks the server).
    set({ allowing: false, outcome });
    await get().check();
  },
  cancel: async () => {
    await sweeper().cancelSignIn();
  },
  reset: () => set({ access: undefined, allowing: false, outcome: undefined }),
}));
