import { useEffect, useMemo } from 'react';
import type { MailboxPart } from '../../../shared/domain';
import type { SessionInfo } from '../../../shared/ipc';
import { folderPath, mailboxPartNode } from '../lib/folderTree';
import { useActionFlowStore } from '../stores/actionFlowStore';
import { useFoldersStore } from '../stores/foldersStore';
import { useJobsStore } from '../stores/jobsStore';
import { openFolder } from '../stores/navigation';
import { useItemsStore } from '../stores/itemsStore';
import { useSessionStore } from '../stores/sessionStore';
import { useTraceStore } from '../stores/traceStore';
import { useDumpsterHealthStore } from '../stores/dumpsterHealthStore';
import { useMultiMailboxStore } from '../stores/multiMailboxStore';
import { ManyMailboxesDialog } from './ManyMailboxesDialog';
import { DumpsterHealthDialog } from './DumpsterHealthDialog';
import { ActionFlowDialogs } from './ActionFlowDialogs';
import { FolderTree } from './FolderTree';
import { HelpMenu } from './HelpMenu';
import { ItemTable } from './ItemTable';
import { ReadingPane } from './ReadingPane';
import { ItemToolbar } from './ItemToolbar';
import { JobHistoryDialog } from './JobHistoryDialog';
import { ProgressPanel } from './ProgressPanel';
import { QuickFilter } from './QuickFilter';
import { ResultsDialog } from './ResultsDialog';
import { SelectAllBanner } from './SelectAllBanner';
import { StatusBar } from './StatusBar';
import { TraceDialog } from './TraceDialog';

function partsOf(session: SessionInfo): MailboxPart[] {
  return session.hasArchive ? ['primary', 'archive'] : ['primary'];
}

export function MainScreen({ session }: { session: SessionInfo }) {
  const disconnect = useSessionStore((s) => s.disconnect);
  const signOut = useSessionStore((s) => s.signOut);
  // The service says when Sign out applies (Graph, or EWS signed in through Microsoft 365).
  const signOutOffered = useSessionStore((s) => s.session?.closedBySignOut === true);
  const { load, reset } = useFoldersStore.getState();
  const byPart = useFoldersStore((s) => s.byPart);
  const byId = useFoldersStore((s) => s.byId);
  const loading = useFoldersStore((s) => s.loading);
  const treeError = useFoldersStore((s) => s.error);
  const selectedFolderId = useFoldersStore((s) => s.selectedFolderId);
  const reportJobId = useJobsStore((s) => s.reportJobId);
  const historyOpen = useJobsStore((s) => s.historyOpen);
  const setHistoryOpen = useJobsStore((s) => s.setHistoryOpen);
  const resumable = useJobsStore((s) => s.history.filter((j) => j.resumable).length);
  const flowStep = useActionFlowStore((s) => s.flow.step);
  const traceOpen = useTraceStore((s) => s.open);
  const healthOpen = useDumpsterHealthStore((s) => s.open);
  const showHealth = useDumpsterHealthStore((s) => s.show);
  const manyOpen = useMultiMailboxStore((s) => s.open);
  const showMany = useMultiMailboxStore((s) => s.show);

  useEffect(() => {
    void load(partsOf(session)).then(() => {
      const inbox = useFoldersStore.getState().byPart.primary?.find((f) => f.distinguishedId === 'inbox');
      if (inbox && !useFoldersStore.getState().selectedFolderId) openFolder(inbox);
    });
    void useJobsStore.getState().loadHistory();
    return () => {
      reset();
      useItemsStore.getState().clear();
    };
  }, [session, load, reset]);

  const roots = useMemo(() => partsOf(session).map((part) => mailboxPartNode(part, byPart[part] ?? [], true)), [session, byPart]);
  const folder = selectedFolderId ? byId.get(selectedFolderId) : undefined;
  const folderTitle = folder ? folderPath(folder, byId) : '';

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>Mailbox Sweeper</h1>
        <span className="session-label">
          {session.mailbox}
          {session.demo && <span className="tag">demo</span>}
        </span>
        <span className="header-spacer" />
        {/* Offered when the service says this connection can open other mailboxes (EWS or Graph alike). */}
        {session.manyMailboxes === true && (
          <button type="button" onClick={showMany}>
            Many mailboxes…
          </button>
        )}
        <button type="button" onClick={showHealth}>
          Dumpster health
        </button>
        <button type="button" onClick={() => setHistoryOpen(true)}>
          Job history{resumable > 0 ? ` (${resumable} to resume)` : ''}
        </button>
        <HelpMenu />
        {signOutOffered && (
          <button type="button" onClick={() => void signOut()} title="Forget the Microsoft sign-in kept on this computer">
            Sign out
          </button>
        )}
        <button type="button" onClick={() => void disconnect()}>
          Disconnect
        </button>
      </header>
      <nav className="sidebar" aria-label="Mailbox folders">
        <div className="sidebar-head">
          <h2>Folders</h2>
          <button type="button" onClick={() => void load(partsOf(session))} disabled={loading} aria-label="Refresh folders">
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        {treeError && <p role="alert">Could not list folders: {treeError}</p>}
        <FolderTree label="Folders" roots={roots} selectedId={selectedFolderId} onActivate={openFolder} />
      </nav>
      <main className="content">
        {folder ? (
          <>
            <div className={`content-head ${folder.area === 'recoverable' ? 'dumpster' : ''}`}>
              <h2>
                {folder.area === 'recoverable' && <span className="tag dumpster-tag">Recoverable Items</span>}
                {folderTitle}
              </h2>
              {folder.area === 'recoverable' && (
                <button type="button" onClick={showHealth}>
                  Dumpster health…
                </button>
              )}
            </div>
            <ItemToolbar folder={folder} />
            <QuickFilter />
            <SelectAllBanner folderName={folder.displayName} />
            <div className="items-and-pane">
              <ItemTable folderName={folder.displayName} />
              <ReadingPane />
            </div>
          </>
        ) : (
          <p className="grid-empty">{loading ? 'Loading folders…' : 'Choose a folder on the left.'}</p>
        )}
      </main>
      <ProgressPanel />
      <StatusBar />
      {flowStep !== 'idle' && <ActionFlowDialogs />}
      {reportJobId && <ResultsDialog key={reportJobId} jobId={reportJobId} />}
      {historyOpen && <JobHistoryDialog />}
      {traceOpen && <TraceDialog />}
      {healthOpen && <DumpsterHealthDialog />}
      {manyOpen && <ManyMailboxesDialog />}
    </div>
  );
}
