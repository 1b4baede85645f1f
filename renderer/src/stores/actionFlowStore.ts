// The steps between "the admin picked an action" and "the job started": folder picker, recover or
// empty-folder options, then the dry-run preview every job goes through before it runs.
import { create } from 'zustand';
import type { DeleteMode, DryRunSummary, FolderInfo, JobAction, JobSpec, JobTarget, RecoverOrphanPolicy } from '../../../shared/domain';
import type { FolderDeleteMode } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { actionVerb, plural } from '../lib/format';
import { folderById, useFoldersStore } from './foldersStore';
import { idsForRanges, useItemsStore, type ItemView } from './itemsStore';
import { useJobsStore } from './jobsStore';
import { useNoticeStore } from './noticeStore';
import { selectedCount, useSelectionStore, type Selection } from './selectionStore';
import { useSessionStore } from './sessionStore';

export type FolderPickPurpose = 'move' | 'copy' | 'recoverTo' | 'recoverFallback';

export type FlowStep =
  | { step: 'idle' }
  | { step: 'pickFolder'; purpose: FolderPickPurpose }
  /** survey: a dry run of "home, else the Inbox", which tells the dialog about deleted folders' items. */
  | { step: 'recoverOptions'; survey?: DryRunSummary; surveyError?: string }
  | { step: 'emptyFolder'; folder: FolderInfo }
  | { step: 'deleteFolder'; folder: FolderInfo }
  | { step: 'restoreFolder'; folder: FolderInfo }
  | { step: 'preview'; spec?: JobSpec; title: string; summary?: DryRunSummary; error?: string; starting?: boolean };

/** The selection as it was when the action began, so scrolling meanwhile changes nothing. */
interface TargetSnapshot {
  selection: Selection;
  view: ItemView;
  folder: FolderInfo;
  count: number;
}

interface ActionFlowState {
  flow: FlowStep;
  target?: TargetSnapshot;
  /** Recover: what happens to items whose folder is gone, kept while the fallback folder is picked. */
  orphans?: RecoverOrphanPolicy;
  beginItemAction: (action: 'move' | 'copy' | 'recover' | DeleteMode) => void;
  beginEmptyFolder: (folder: FolderInfo) => void;
  beginDeleteFolder: (folder: FolderInfo) => void;
  beginRestoreFolder: (folder: FolderInfo) => void;
  folderPicked: (folder: FolderInfo) => void;
  recoverHome: (fallback: 'inbox' | 'choose', orphans?: RecoverOrphanPolicy) => void;
  recoverToFolder: (destination: 'inbox' | 'choose') => void;
  emptyFolder: (mode: DeleteMode, deleteSubFolders: boolean) => void;
  deleteFolder: (mode: FolderDeleteMode) => Promise<void>;
  /** Moves the folder of the restoreFolder step under `toFolderId` (an id or 'msgfolderroot'). */
  restoreFolder: (toFolderId: string) => Promise<void>;
  confirm: () => Promise<void>;
  cancel: () => void;
}

function snapshotTarget(): TargetSnapshot | undefined {
  const view = useItemsStore.getState().view;
  const folder = folderById(view?.folderId);
  const { selection } = useSelectionStore.getState();
  const count = selectedCount(selection, useItemsStore.getState().total ?? 0);
  if (!view || !folder || count === 0) return undefined;
  return { selection, view, folder, count };
}

async function resolveTarget(target: TargetSnapshot): Promise<JobTarget> {
  if (target.selection.kind === 'allMatching') {
    const excludeIds = [...target.selection.excludedIds];
    return { kind: 'query', folderId: target.view.folderId, filter: target.view.filter, ...(excludeIds.length ? { excludeIds } : {}) };
  }
  return { kind: 'ids', ids: await idsForRanges(target.selection.ranges), folderId: target.view.folderId };
}

function recoverAction(fallbackFolderId: string, orphans: RecoverOrphanPolicy | undefined): JobAction {
  return orphans ? { kind: 'recover', fallbackFolderId, orphans } : { kind: 'recover', fallbackFolderId };
}

function inboxFor(folder: FolderInfo): FolderInfo | undefined {
  const list = useFoldersStore.getState().byPart[folder.part] ?? [];
  return (
    list.find((f) => f.distinguishedId === 'inbox') ?? list.find((f) => f.distinguishedId === 'archivemsgfolderroot') ?? list.find((f) => f.area === 'ipm')
  );
}

export const useActionFlowStore = create<ActionFlowState>()((set, get) => {
  const preview = async (action: JobAction, target: () => Promise<JobTarget>, folder: FolderInfo, title: string): Promise<void> => {
    set({ flow: { step: 'preview', title } });
    try {
      const jobTarget = await target();
      const spec: JobSpec = { mailbox: { smtp: useSessionStore.getState().impersonated, part: folder.part }, action, target: jobTarget };
      const summary = await sweeper().dryRun(spec);
      if (get().flow.step === 'preview') set({ flow: { step: 'preview', title, spec, summary } });
    } catch (error) {
      if (get().flow.step === 'preview') set({ flow: { step: 'preview', title, error: errorMessage(error) } });
    }
  };

  // Nothing is changed by it: a dry run of the plain recover, read for its orphan groups.
  const surveyRecover = async (target: TargetSnapshot): Promise<void> => {
    const stillOpen = (): boolean => get().flow.step === 'recoverOptions' && get().target === target;
    try {
      const fallbackFolderId = inboxFor(target.folder)?.id ?? 'msgfolderroot';
      const spec: JobSpec = {
        mailbox: { smtp: useSessionStore.getState().impersonated, part: target.folder.part },
        action: { kind: 'recover', fallbackFolderId },
        target: await resolveTarget(target),
      };
      const survey = await sweeper().dryRun(spec);
      if (stillOpen()) set({ flow: { step: 'recoverOptions', survey } });
    } catch (error) {
      if (stillOpen()) set({ flow: { step: 'recoverOptions', surveyError: errorMessage(error) } });
    }
  };

  const previewItems = (action: JobAction): void => {
    const target = get().target;
    if (target)
      void preview(
        action,
        () => resolveTarget(target),
        target.folder,
        `${actionVerb(action)} ${plural(target.count, 'item')} from ${target.folder.displayName}`,
      );
  };

  return {
    flow: { step: 'idle' },
    beginItemAction: (action) => {
      const target = snapshotTarget();
      if (!target) return;
      set({ target });
      if (action === 'move' || action === 'copy') set({ flow: { step: 'pickFolder', purpose: action } });
      else if (action === 'recover') {
        set({ flow: { step: 'recoverOptions' }, orphans: undefined });
        void surveyRecover(target);
      } else previewItems({ kind: 'delete', mode: action });
    },
    beginEmptyFolder: (folder) => set({ flow: { step: 'emptyFolder', folder } }),
    beginDeleteFolder: (folder) => set({ flow: { step: 'deleteFolder', folder } }),
    beginRestoreFolder: (folder) => set({ flow: { step: 'restoreFolder', folder } }),
    folderPicked: (destination) => {
      const { flow } = get();
      if (flow.step !== 'pickFolder') return;
      if (flow.purpose === 'move' || flow.purpose === 'recoverTo') previewItems({ kind: 'move', toFolderId: destination.id });
      else if (flow.purpose === 'copy') previewItems({ kind: 'copy', toFolderId: destination.id });
      else previewItems(recoverAction(destination.id, get().orphans));
    },
    recoverHome: (fallback, orphans) => {
      const folder = get().target?.folder;
      const inbox = folder && inboxFor(folder);
      set({ orphans });
      if (fallback === 'choose' || !inbox) set({ flow: { step: 'pickFolder', purpose: 'recoverFallback' } });
      else previewItems(recoverAction(inbox.id, orphans));
    },
    recoverToFolder: (destination) => {
      const folder = get().target?.folder;
      const inbox = folder && inboxFor(folder);
      if (destination === 'choose' || !inbox) set({ flow: { step: 'pickFolder', purpose: 'recoverTo' } });
      else previewItems({ kind: 'move', toFolderId: inbox.id });
    },
    emptyFolder: (mode, deleteSubFolders) => {
      const { flow } = get();
      if (flow.step !== 'emptyFolder') return;
      set({ target: undefined });
      const folder = flow.folder;
      const title = `${mode === 'HardDelete' ? 'Empty permanently' : 'Empty'} folder ${folder.displayName}`;
      // Without its subfolders, emptying is a delete of every item by query: each item gets its own
      // outcome in the report, and the job shows progress, adapts to throttling and resumes.
      // EmptyFolder (one request, one outcome for the whole folder) only when subfolders go too.
      if (deleteSubFolders) {
        void preview({ kind: 'emptyFolder', folderId: folder.id, mode, deleteSubFolders }, () => Promise.resolve({ kind: 'ids', ids: [] }), folder, title);
      } else {
        void preview({ kind: 'delete', mode }, () => Promise.resolve({ kind: 'query', folderId: folder.id, filter: {} }), folder, title);
      }
    },
    deleteFolder: async (mode) => {
      const { flow } = get();
      if (flow.step !== 'deleteFolder') return;
      try {
        const result = await sweeper().deleteFolder({ folderId: flow.folder.id, mode });
        const message = result.ok
          ? `Folder ${flow.folder.displayName} ${mode === 'HardDelete' ? 'deleted permanently' : 'moved to Deleted Items'}`
          : `Could not delete ${flow.folder.displayName}: ${result.message}`;
        set({ flow: { step: 'idle' } });
        useNoticeStore.getState().show(message);
        const session = useSessionStore.getState().session;
        if (result.ok && session) {
          if (useItemsStore.getState().view?.folderId === flow.folder.id) useItemsStore.getState().clear();
          await useFoldersStore.getState().load(session.hasArchive ? ['primary', 'archive'] : ['primary']);
        }
      } catch (error) {
        set({ flow: { step: 'idle' } });
        useNoticeStore.getState().show(errorMessage(error));
      }
    },
    restoreFolder: async (toFolderId) => {
      const { flow } = get();
      if (flow.step !== 'restoreFolder') return;
      const { folder } = flow;
      try {
        const result = await sweeper().restoreFolder({ part: folder.part, folderId: folder.id, toFolderId });
        set({ flow: { step: 'idle' } });
        useNoticeStore.getState().show(result.ok ? `Folder ${folder.displayName} restored` : `Could not restore ${folder.displayName}: ${result.message}`);
        const session = useSessionStore.getState().session;
        if (result.ok && session) await useFoldersStore.getState().load(session.hasArchive ? ['primary', 'archive'] : ['primary']);
      } catch (error) {
        set({ flow: { step: 'idle' } });
        useNoticeStore.getState().show(errorMessage(error));
      }
    },
    confirm: async () => {
      const { flow } = get();
      if (flow.step !== 'preview' || !flow.spec || flow.starting) return;
      set({ flow: { ...flow, starting: true } });
      await useJobsStore.getState().start(flow.spec, flow.title);
      set({ flow: { step: 'idle' }, target: undefined });
    },
    cancel: () => set({ flow: { step: 'idle' }, target: undefined, orphans: undefined }),
  };
});
