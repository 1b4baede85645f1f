import { useEffect } from 'react';
import { refuseExternalNavigation } from './lib/externalLinks';
import { ConnectScreen } from './components/ConnectScreen';
import { MainScreen } from './components/MainScreen';
import { StatusBar } from './components/StatusBar';
import { subscribeToJobEvents } from './stores/jobsStore';
import { subscribeToMultiMailboxEvents } from './stores/multiMailboxStore';
import { useNoticeStore } from './stores/noticeStore';
import { useSessionStore } from './stores/sessionStore';

export function App() {
  const session = useSessionStore((s) => s.session);

  useEffect(() => {
    void useSessionStore.getState().loadProfiles();
    const unsubscribe = subscribeToJobEvents();
    const unsubscribeMulti = subscribeToMultiMailboxEvents();
    const stopGuard = refuseExternalNavigation((url) =>
      useNoticeStore.getState().show(`Mailbox Sweeper does not open other sites. Copy the address into your browser if you need it: ${url}`),
    );
    return () => {
      unsubscribe();
      unsubscribeMulti();
      stopGuard();
    };
  }, []);

  if (!session)
    return (
      <>
        <ConnectScreen />
        <StatusBar />
      </>
    );
  return <MainScreen session={session} />;
}
