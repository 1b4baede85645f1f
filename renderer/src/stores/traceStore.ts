// Whether the trace viewer (Help → Trace) is open. The entries themselves are read by the dialog
// each time it opens or is refreshed, and live only in its own state.
import { create } from 'zustand';

interface TraceState {
  open: boolean;
  show: () => void;
  hide: () => void;
}

export const useTraceStore = create<TraceState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
