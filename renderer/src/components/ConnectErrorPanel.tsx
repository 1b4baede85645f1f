// Why a connect failed, and what the admin can do about it from here: trust the certificate
// shown, accept plain http for this server, or read the trace of the attempt.
import type { ConnectError, ConnectErrorKind } from '../../../shared/ipc';
import { CertificatePrompt } from './CertificatePrompt';

const errorTitles: Record<ConnectErrorKind, string> = {
  auth: 'Sign-in refused',
  impersonation: 'Cannot open that mailbox',
  notEws: 'This address is not an EWS endpoint',
  tls: 'Certificate or TLS problem',
  network: 'Cannot reach the server',
  timeout: 'The server did not answer in time',
  server: 'The server reported an error',
  insecure: 'Unencrypted connection',
  unavailable: 'Not available here',
  consent: 'Permission or consent missing',
  permission: 'No access to this mailbox',
  // Not shown as an error (the connect screen says "Sign-in cancelled."); named for completeness.
  cancelled: 'Sign-in cancelled',
  invalid: 'Check the address',
};

interface ConnectErrorPanelProps {
  error: ConnectError;
  /** Absent when the attempt cannot be sent again with an answer (a saved profile's connect). */
  answer?: {
    trust: (sha256: string) => void;
    allowInsecure: () => void;
  };
  busy: boolean;
  onShowTrace?: () => void;
}

export function ConnectErrorPanel({ error, answer, busy, onShowTrace }: ConnectErrorPanelProps) {
  return (
    <div role="alert" className={`connect-error connect-error-${error.kind}`}>
      <strong>{errorTitles[error.kind]}</strong>
      <p>{error.message}</p>
      {error.kind === 'tls' && error.certificate && (
        <CertificatePrompt
          certificate={error.certificate}
          pinMismatch={error.pinMismatch === true}
          onTrust={answer?.trust}
          busy={busy}
          cannotTrustHint="To trust this certificate, connect to this server with the form above and trust it there."
        />
      )}
      {error.kind === 'insecure' && answer && (
        <button type="button" disabled={busy} onClick={answer.allowInsecure}>
          Connect anyway over http
        </button>
      )}
      {onShowTrace && (
        <button type="button" className="link-button" onClick={onShowTrace}>
          Show the trace of this attempt
        </button>
      )}
    </div>
  );
}
