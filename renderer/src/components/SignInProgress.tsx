// The connect screen's progress with Cancel: a browser sign-in (Microsoft Graph, or EWS through
// Microsoft 365) says so at once and offers Cancel sign-in, so a closed browser tab or a wrong
// account does not hold the screen until the sign-in times out; an EWS connect or Test connection
// waiting on its server says "Connecting to <host>…" with Cancel once it takes longer than a moment
// (a wrong host that accepts and never answers would otherwise hold the screen until the timeouts).
// A cancelled attempt is said as a state, not as an error.
import { SLOW_CONNECT_MS, useShownAfter } from './useShownAfter';

/** An EWS attempt under way and the server it waits on. */
export interface PendingConnect {
  what: 'connect' | 'test';
  host: string;
}

interface SignInProgressProps {
  /** A browser sign-in (Graph, or EWS through Microsoft 365) is under way. */
  waiting: boolean;
  /** An EWS connect or Test connection under way without a browser step. */
  pending?: PendingConnect;
  /** The last connect ended because it was cancelled. */
  cancelled: boolean;
  /** The server of that connect, when it was an EWS connect without a browser step. */
  cancelledTo?: string;
  onCancel: () => void;
}

export function SignInProgress({ waiting, pending, cancelled, cancelledTo, onCancel }: SignInProgressProps) {
  const slow = useShownAfter(pending !== undefined, SLOW_CONNECT_MS);
  if (waiting)
    return (
      <div role="status" className="sign-in-progress">
        <p>Signing in with Microsoft… If your browser opened, finish signing in there.</p>
        <button type="button" onClick={onCancel}>
          Cancel sign-in
        </button>
      </div>
    );
  if (pending !== undefined && slow)
    return (
      <div role="status" className="sign-in-progress">
        <p>{pending.what === 'connect' ? `Connecting to ${pending.host}…` : `Testing the connection to ${pending.host}…`}</p>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  if (cancelled)
    return (
      <p role="status" className="sign-in-progress">
        {cancelledTo === undefined ? 'Sign-in cancelled.' : `Connection to ${cancelledTo} cancelled.`}
      </p>
    );
  return null;
}
