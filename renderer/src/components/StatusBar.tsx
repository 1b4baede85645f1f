import { useNoticeStore } from '../stores/noticeStore';
import { useJobsStore } from '../stores/jobsStore';

export function StatusBar() {
  const notice = useNoticeStore((s) => s.text);
  const dismiss = useNoticeStore((s) => s.dismiss);
  const jobNotice = useJobsStore((s) => (s.reportJobId ? undefined : s.notice));
  const text = notice ?? jobNotice;
  return (
    <div className="status-bar" role="status">
      {text}
      {notice && (
        <button type="button" className="link-button" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
