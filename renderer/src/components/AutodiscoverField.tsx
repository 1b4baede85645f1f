// Autodiscover from an e-mail address: finds the EWS URL with the sign-in entered below it and
// fills the URL field. Credentials go to a host outside the address's domain only after the
// admin says yes to that host.
import { useState, type KeyboardEvent } from 'react';
import type { AutodiscoverResult } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';
import { buildAutodiscoverRequest, emailDomain, type ConnectDraft, type ConnectSecrets } from '../lib/connectRequest';
import { DiagnosticSteps } from './DiagnosticSteps';

interface AutodiscoverFieldProps {
  draft: ConnectDraft;
  update: (patch: Partial<ConnectDraft>) => void;
  secrets: ConnectSecrets;
  disabled: boolean;
}

export function AutodiscoverField({ draft, update, secrets, disabled }: AutodiscoverFieldProps) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AutodiscoverResult | undefined>();
  // Hosts the admin allowed for this address; a new address starts again with none.
  const [allowed, setAllowed] = useState<{ email: string; hosts: string[] }>({ email: '', hosts: [] });

  const find = async (extraHost?: string): Promise<void> => {
    const email = draft.email.trim();
    if (email === '') return;
    const kept = allowed.email === email ? allowed.hosts : [];
    const hosts = extraHost === undefined || kept.includes(extraHost) ? kept : [...kept, extraHost];
    setAllowed({ email, hosts });
    setRunning(true);
    try {
      const answer = await sweeper().autodiscover(buildAutodiscoverRequest(draft, secrets, hosts));
      setResult(answer);
      if (answer.ok) update({ url: answer.url });
    } catch (error) {
      setResult({ ok: false, message: errorMessage(error), steps: [] });
    } finally {
      setRunning(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Enter here looks the server up rather than connecting.
    if (event.key === 'Enter') {
      event.preventDefault();
      void find();
    }
  };
  const confirmHost = result && !result.ok ? result.confirmHost : undefined;

  return (
    <div className="autodiscover">
      <div className="autodiscover-row">
        <label>
          E-mail address
          <input
            type="text"
            inputMode="email"
            value={draft.email}
            onChange={(e) => update({ email: e.target.value })}
            onKeyDown={onKeyDown}
            placeholder="admin@contoso.com"
            autoComplete="email"
            spellCheck={false}
          />
        </label>
        <button type="button" onClick={() => void find()} disabled={disabled || running || draft.email.trim() === ''}>
          {running ? 'Finding…' : 'Find server'}
        </button>
      </div>
      {result && (
        <section className={`autodiscover-result ${result.ok ? 'test-ok' : 'test-failed'}`} aria-label="Autodiscover">
          <div className="connection-test-head">
            <strong>{result.ok ? `Found ${result.url}` : 'Autodiscover did not find the server'}</strong>
            <button type="button" className="link-button" onClick={() => setResult(undefined)}>
              Close
            </button>
          </div>
          {!result.ok && <p role="alert">{result.message}</p>}
          {confirmHost !== undefined && (
            <div className="certificate-confirm" role="group" aria-label="Confirm the redirect">
              <p>
                Autodiscover was redirected to {confirmHost}, outside {emailDomain(draft.email) || 'your domain'}. Send your credentials there?
              </p>
              <div className="form-actions">
                <button type="button" onClick={() => void find(confirmHost)} disabled={running}>
                  Yes, send them to {confirmHost}
                </button>
                <button type="button" onClick={() => setResult(undefined)}>
                  No
                </button>
              </div>
            </div>
          )}
          {result.steps.length > 0 && <DiagnosticSteps label="Autodiscover steps" steps={result.steps} />}
        </section>
      )}
    </div>
  );
}
