import { useNoticeStore } from '../stores/noticeStore';
import { useJobsStore } from '../stores/jobsStore';
import { useSessionStore } from '../stores/sessionStore';

export function StatusBar() {
  const notice = useNoticeStore((s) => s.text);
  const dismiss = useNoticeStore((s) => s.dismiss);
  const jobNotice = useJobsStore((s) => (s.reportJobId ? undefined : s.notice));
  const signedInWith = useSessionStore((s) => s.session?.signedInWith);
  const serverVersion = useSessionStore((s) => s.session?.serverVersion);
  const mailbox = useSessionStore((s) => s.session?.mailbox);
  const access = useSessionStore((s) => s.session?.mailboxAccess);
  const text = notice ?? jobNotice;
  const accessText = access && `${mailbox ?? 'Mailbox'} by ${access === 'delegate' ? 'delegate access (FullAccess)' : 'impersonation'}`;
  const sessionText = [signedInWith && `Signed in with ${signedInWith}`, accessText, serverVersion && `Exchange ${serverVersion}`].filter(Boolean).join(' · ');
  return (
    <div className="status-bar">
      <span role="status" className="status-notice">
        {text}
        {notice && (
          <button type="button" className="link-button" onClick={dismiss}>
            Dismiss
          </button>
        )}
      </span>
      {sessionText && <span className="status-session">{sessionText}</span>}
    </div>
  );
}
