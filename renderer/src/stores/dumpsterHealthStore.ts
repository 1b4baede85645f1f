// Whether the dumpster health dialog is open, and what it last read. Read again each time it opens
// (and on Refresh): sizes change with every delete.
import { create } from 'zustand';
import type { DumpsterHealth } from '../../../shared/domain';
import { errorMessage, sweeper } from '../lib/api';

interface DumpsterHealthState {
  open: boolean;
  loading: boolean;
  health?: DumpsterHealth;
  error?: string;
  show: () => void;
  refresh: () => Promise<void>;
  hide: () => void;
}

export const useDumpsterHealthStore = create<DumpsterHealthState>()((set, get) => ({
  open: false,
  loading: false,
  show: () => {
    set({ open: true, health: undefined, error: undefined });
    void get().refresh();
  },
  refresh: async () => {
    set({ loading: true, error: undefined });
    try {
      // The open mailbox (the session knows whose): no address needed.
      const health = await sweeper().dumpsterHealth({});
      if (get().open) set({ health, loading: false });
    } catch (error) {
      if (get().open) set({ error: errorMessage(error), loading: false });
    }
  },
  hide: () => set({ open: false, loading: false }),
}));
