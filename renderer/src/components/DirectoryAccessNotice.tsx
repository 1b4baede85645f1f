// Offers "Allow directory access…" when the connection's sign-in lacks the directory permissions
// (delegated Graph), with Cancel sign-in while the browser step is open and the outcome in words.
import { useDirectoryAccessStore } from '../stores/directoryAccessStore';

export function DirectoryAccessNotice() {
  const access = useDirectoryAccessStore((s) => s.access);
  const allowing = useDirectoryAccessStore((s) => s.allowing);
  const outcome = useDirectoryAccessStore((s) => s.outcome);
  const allow = useDirectoryAccessStore((s) => s.allow);
  const cancel = useDirectoryAccessStore((s) => s.cancel);
  const needed = access?.state === 'consentNeeded';
  if (!needed && !allowing && outcome === undefined) return null;
  return (
    <div role="region" aria-label="Directory access" className="directory-access">
      {needed && !allowing && <p>{access.message}</p>}
      {allowing ? (
        <p role="status">
          Allowing directory access: finish the sign-in in your browser.{' '}
          <button type="button" onClick={() => void cancel()}>
            Cancel sign-in
          </button>
        </p>
      ) : (
        needed && (
          <button type="button" onClick={() => void allow()}>
            Allow directory access…
          </button>
        )
      )}
      {outcome !== undefined && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.message}</p>}
    </div>
  );
}
