// One line of status for things that happened outside any dialog (a folder deleted, a link refused).
import { create } from 'zustand';

interface NoticeState {
  text?: string;
  show: (text: string) => void;
  dismiss: () => void;
}

export const useNoticeStore = create<NoticeState>()((set) => ({
  show: (text) => set({ text }),
  dismiss: () => set({ text: undefined }),
}));
