import { useState, type FormEvent } from 'react';
import { completeEwsUrl } from '../../../shared/ewsUrl';
import type { AuthKind, ConnectErrorKind } from '../../../shared/ipc';
import { useSessionStore, type ConnectDraft } from '../stores/sessionStore';
import { ProfileList } from './ProfileList';

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
  invalid: 'Check the address',
};

export function ConnectScreen() {
  const savedDraft = useSessionStore((s) => s.draft);
  const error = useSessionStore((s) => s.error);
  const connecting = useSessionStore((s) => s.connecting);
  const connect = useSessionStore((s) => s.connect);
  const openDemo = useSessionStore((s) => s.openDemo);
  const [draft, setDraft] = useState<ConnectDraft>(savedDraft);
  // The secret lives only here, and this component unmounts once connected.
  const [secret, setSecret] = useState('');
  const [save, setSave] = useState(false);

  const update = (patch: Partial<ConnectDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const url = completeEwsUrl(draft.url);
    if (url !== draft.url) update({ url });
    void connect({ ...draft, url, secret, save });
  };
  const basic = draft.authKind === 'basic';

  return (
    <main className="connect-screen">
      <section className="connect-card" aria-labelledby="connect-title">
        <h1 id="connect-title">Connect to Exchange</h1>
        <form onSubmit={onSubmit} className="connect-form">
          <label>
            EWS URL
            {/* Plain text, so "mail.contoso.com" is accepted and completed (on leaving the field). */}
            <input
              type="text"
              inputMode="url"
              required
              value={draft.url}
              onChange={(e) => update({ url: e.target.value })}
              onBlur={() => update({ url: completeEwsUrl(draft.url) })}
              placeholder="https://mail.example.com/EWS/Exchange.asmx"
              spellCheck={false}
            />
          </label>
          <fieldset className="auth-kind">
            <legend>Authentication</legend>
            {(['basic', 'bearer'] as const satisfies readonly AuthKind[]).map((kind) => (
              <label key={kind} className="inline">
                <input type="radio" name="authKind" value={kind} checked={draft.authKind === kind} onChange={() => update({ authKind: kind })} />
                {kind === 'basic' ? 'Basic' : 'Bearer token (OAuth)'}
              </label>
            ))}
          </fieldset>
          {basic && (
            <label>
              User name
              <input value={draft.user} onChange={(e) => update({ user: e.target.value })} autoComplete="username" spellCheck={false} required />
            </label>
          )}
          <label>
            {basic ? 'Password' : 'Access token'}
            <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="current-password" required />
          </label>
          <label>
            Mailbox to open (optional, by impersonation)
            <input
              type="email"
              value={draft.impersonate}
              onChange={(e) => update({ impersonate: e.target.value })}
              placeholder="someone@example.com"
              spellCheck={false}
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
            Save as a profile
          </label>
          {save && (
            <label>
              Profile name
              <input value={draft.saveAs} onChange={(e) => update({ saveAs: e.target.value })} required />
            </label>
          )}
          {error && (
            <div role="alert" className={`connect-error connect-error-${error.kind}`}>
              <strong>{errorTitles[error.kind]}</strong>
              <p>{error.message}</p>
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={connecting}>
              {connecting ? 'Connecting…' : 'Connect'}
            </button>
            <button type="button" onClick={() => void openDemo()} disabled={connecting}>
              Open demo mailbox
            </button>
          </div>
        </form>
        <p className="hint">
          EWS in Exchange Online is being retired (Microsoft blocks it from October 2026); on-premises Exchange Server keeps it.
        </p>
      </section>
      <ProfileList />
    </main>
  );
}
