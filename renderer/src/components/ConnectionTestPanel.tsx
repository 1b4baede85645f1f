// Test connection's answer: each step from DNS to the mailbox, and the certificate trust offer
// when the server's certificate is not trusted here.
import type { TestConnectionResult } from '../../../shared/ipc';
import { CertificatePrompt } from './CertificatePrompt';
import { DiagnosticSteps } from './DiagnosticSteps';

interface ConnectionTestPanelProps {
  result: TestConnectionResult;
  /** Trusts the certificate for this address and runs the test again. */
  onTrust: (sha256: string) => void;
  /** The certificate this form already trusts for the address, if any. */
  trusted?: string;
  busy: boolean;
  onShowTrace: () => void;
  onClose: () => void;
}

export function ConnectionTestPanel({ result, onTrust, trusted, busy, onShowTrace, onClose }: ConnectionTestPanelProps) {
  const certificate = result.certificate;
  return (
    <section className={`connection-test ${result.ok ? 'test-ok' : 'test-failed'}`} aria-label="Connection test">
      <div className="connection-test-head">
        <strong>{result.ok ? 'Test connection: everything answered' : 'Test connection: a step failed'}</strong>
        <button type="button" className="link-button" onClick={onShowTrace}>
          Show trace
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <DiagnosticSteps label="Connection test steps" steps={result.steps} />
      {certificate && certificate.sha256 !== trusted && <CertificatePrompt certificate={certificate} onTrust={onTrust} busy={busy} />}
      {certificate && certificate.sha256 === trusted && <p className="hint">This certificate is trusted for this server in this form: Connect uses it.</p>}
    </section>
  );
}
