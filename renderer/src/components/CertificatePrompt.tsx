// A server certificate this computer does not trust, shown so the admin can judge it, with the
// offer to trust it for this server. A certificate that differs from the one trusted before is
// never trusted in one click: the warning comes first, and trusting the new one takes a second,
// explicit confirmation.
import { useState } from 'react';
import type { CertificateInfo } from '../../../shared/ipc';
import { formatDate } from '../lib/format';

interface CertificatePromptProps {
  certificate: CertificateInfo;
  pinMismatch?: boolean;
  /** Absent when this attempt cannot be sent again with the certificate trusted. */
  onTrust?: (sha256: string) => void;
  busy?: boolean;
  /** Said instead of the trust button when onTrust is absent. */
  cannotTrustHint?: string;
}

export function CertificatePrompt({ certificate, pinMismatch = false, onTrust, busy = false, cannotTrustHint }: CertificatePromptProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="certificate-prompt">
      {pinMismatch && (
        <div className="certificate-warning" role="note">
          <strong>The certificate changed since you trusted it.</strong>
          <p>
            This server now presents a different certificate from the one trusted for it. A renewed certificate does that, and so does someone intercepting the
            connection. Compare the fingerprint below with the one your server&apos;s administrator gives you before trusting it.
          </p>
        </div>
      )}
      <dl className="certificate-details" aria-label="Server certificate">
        <dt>Problem</dt>
        <dd>{certificate.problem}</dd>
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt>Issuer</dt>
        <dd>{certificate.issuer}</dd>
        <dt>Valid from</dt>
        <dd>{formatDate(certificate.validFrom)}</dd>
        <dt>Valid to</dt>
        <dd>{formatDate(certificate.validTo)}</dd>
        {certificate.subjectAltNames.length > 0 && (
          <>
            <dt>Names</dt>
            <dd>{certificate.subjectAltNames.join(', ')}</dd>
          </>
        )}
        <dt>SHA-256 fingerprint</dt>
        <dd className="fingerprint">{certificate.sha256}</dd>
      </dl>
      {onTrust === undefined ? (
        cannotTrustHint && <p className="hint">{cannotTrustHint}</p>
      ) : !pinMismatch ? (
        <button type="button" disabled={busy} onClick={() => onTrust(certificate.sha256)}>
          Trust this certificate for this server
        </button>
      ) : !confirming ? (
        <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
          Trust the new certificate…
        </button>
      ) : (
        <div className="certificate-confirm" role="group" aria-label="Confirm trusting the new certificate">
          <p>Trust the new certificate for this server, in place of the one trusted before? Only do this if you checked its fingerprint.</p>
          <div className="form-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => onTrust(certificate.sha256)}>
              Yes, trust the new certificate
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
