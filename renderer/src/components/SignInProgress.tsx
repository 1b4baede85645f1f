// The browser sign-in step of the connect screen (Microsoft Graph, or EWS through Microsoft 365):
// while a connect (or Test connection) signs in, possibly waiting for the admin in the browser, it
// says so and offers Cancel sign-in, so a closed browser tab or a wrong account does not hold the
// screen until the sign-in times out.
// A cancelled attempt is said as a state, not as an error.

interface SignInProgressProps {
  /** A browser sign-in (Graph, or EWS through Microsoft 365) is under way. */
  waiting: boolean;
  /** The last connect ended because its sign-in was cancelled. */
  cancelled: boolean;
  onCancel: () => void;
}

export function SignInProgress({ waiting, cancelled, onCancel }: SignInProgressProps) {
  if (waiting)
    return (
      <div role="status" className="sign-in-progress">
        <p>Signing in with Microsoft… If your browser opened, finish signing in there.</p>
        <button type="button" onClick={onCancel}>
          Cancel sign-in
        </button>
      </div>
    );
  if (cancelled)
    return (
      <p role="status" className="sign-in-progress">
        Sign-in cancelled.
      </p>
    );
  return null;
}
