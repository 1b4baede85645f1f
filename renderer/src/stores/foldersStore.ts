// The folder lists of the open mailbox (primary and archive) and which folder is open.
import { create } from 'zustand';
import type { FolderInfo, MailboxPart } from '../../../shared/domain';
import { errorMessage, sweeper } from '../lib/api';

interface FoldersState {
  byPart: Partial<Record<MailboxPart, FolderInfo[]>>;
  byId: Map<string, FolderInfo>;
  bySourceKey: Map<string, FolderInfo>;
  selectedFolderId?: string;
  loading: boolean;
  error?: string;
  load: (parts: readonly MailboxPart[]) => Promise<void>;
  select: (folderId: string) => void;
  reset: () => void;
}

function indexFolders(byPart: Partial<Record<MailboxPart, FolderInfo[]>>): Pick<FoldersState, 'byId' | 'bySourceKey'> {
  const byId = new Map<string, FolderInfo>();
  const bySourceKey = new Map<string, FolderInfo>();
  for (const list of Object.values(byPart)) {
    for (const folder of list ?? []) {
      byId.set(folder.id, folder);
      if (folder.sourceKey) bySourceKey.set(folder.sourceKey, folder);
    }
  }
  return { byId, bySourceKey };
}

export const useFoldersStore = create<FoldersState>()((set) => ({
  byPart: {},
  byId: new Map(),
  bySourceKey: new Map(),
  loading: false,
  load: async (parts) => {
    set({ loading: true, error: undefined });
    try {
      const lists = await Promise.all(parts.map((part) => sweeper().listFolders({ part })));
      const byPart: Partial<Record<MailboxPart, FolderInfo[]>> = {};
      parts.forEach((part, i) => {
        byPart[part] = lists[i] ?? [];
      });
      set({ byPart, ...indexFolders(byPart), loading: false });
    } catch (error) {
      set({ loading: false, error: errorMessage(error) });
    }
  },
  select: (folderId) => set({ selectedFolderId: folderId }),
  reset: () => set({ byPart: {}, byId: new Map(), bySourceKey: new Map(), selectedFolderId: undefined, error: undefined }),
}));

export function folderById(folderId: string | undefined): FolderInfo | undefined {
  return folderId ? useFoldersStore.getState().byId.get(folderId) : undefined;
}
