// "Many mailboxes" (opened from the main window's header): one clean-up over many mailboxes in three
// steps — the mailboxes, the filter with its preview per mailbox, the action with its progress and report —
// and the earlier jobs, to resume one a quit cut short or to see one's results.
import { useMultiMailboxStore } from '../stores/multiMailboxStore';
import { Modal } from './Modal';
import { MultiActionStep } from './MultiActionStep';
import { MultiMailboxPicker } from './MultiMailboxPicker';
import { MultiPastJobs } from './MultiPastJobs';
import { MultiSearchStep } from './MultiSearchStep';

const steps = ['Mailboxes', 'Filters and preview', 'Action'] as const;

export function ManyMailboxesDialog() {
  const step = useMultiMailboxStore((s) => s.step);
  const close = useMultiMailboxStore((s) => s.close);
  const notice = useMultiMailboxStore((s) => s.notice);
  return (
    <Modal
      title="Many mailboxes"
      onClose={close}
      size="report"
      actions={
        <button type="button" onClick={close}>
          Close
        </button>
      }
    >
      <ol className="multi-steps" aria-label="Steps">
        {steps.map((label, i) => (
          <li key={label} aria-current={step === i + 1 ? 'step' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      {step === 1 && <MultiMailboxPicker />}
      {step === 1 && <MultiPastJobs />}
      {step === 2 && <MultiSearchStep />}
      {step === 3 && <MultiActionStep />}
    </Modal>
  );
}
