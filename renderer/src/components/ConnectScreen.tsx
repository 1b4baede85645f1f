import { useState, type FormEvent } from 'react';
import { completeEwsUrl } from '../../../shared/ewsUrl';
import type { BackendKind } from '../../../shared/ipc';
import type { ConnectConfirmations, ConnectDraft, ConnectSecrets, GraphDraft } from '../lib/connectRequest';
import { hostOf, useSessionStore } from '../stores/sessionStore';
import { useTraceStore } from '../stores/traceStore';
import { AutodiscoverField } from './AutodiscoverField';
import { buildRequest } from '../lib/connectRequest';
import { ConnectErrorPanel } from './ConnectErrorPanel';
import { ConnectionTestPanel } from './ConnectionTestPanel';
import { GraphFields } from './GraphFields';
import { ProfileList } from './ProfileList';
import { SignInFields } from './SignInFields';
import { SignInProgress } from './SignInProgress';
import { TraceDialog } from './TraceDialog';
import { useConnectionTest } from './useConnectionTest';

const backendChoices: readonly { kind: BackendKind; label: string }[] = [
  { kind: 'ews', label: 'Exchange (EWS)' },
  { kind: 'graph', label: 'Exchange Online (Microsoft Graph)' },
];

/** What the admin accepted for one server address in this form (sent again with every attempt to it). */
interface Accepted {
  url: string;
  trustCertificate?: string;
  allowInsecureHttp?: boolean;
}

export function ConnectScreen() {
  const savedDraft = useSessionStore((s) => s.draft);
  const error = useSessionStore((s) => s.error);
  const errorFrom = useSessionStore((s) => s.errorFrom);
  const connecting = useSessionStore((s) => s.connecting);
  const connect = useSessionStore((s) => s.connect);
  const openDemo = useSessionStore((s) => s.openDemo);
  const signOut = useSessionStore((s) => s.signOut);
  const signingIn = useSessionStore((s) => s.signingIn);
  const signInCancelled = useSessionStore((s) => s.signInCancelled);
  const connectingTo = useSessionStore((s) => s.connectingTo);
  const cancelledTo = useSessionStore((s) => s.cancelledTo);
  const cancelSignIn = useSessionStore((s) => s.cancelSignIn);
  const [draft, setDraft] = useState<ConnectDraft>(savedDraft);
  // The secrets live only here, and this component unmounts once connected.
  const [secrets, setSecretsState] = useState<ConnectSecrets>({ secret: '', proxyPassword: '' });
  const [save, setSave] = useState(false);
  const [accepted, setAccepted] = useState<Accepted | undefined>();
  const test = useConnectionTest();
  const traceOpen = useTraceStore((s) => s.open);
  const showTrace = useTraceStore((s) => s.show);

  const update = (patch: Partial<ConnectDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const setSecrets = (patch: Partial<ConnectSecrets>): void => setSecretsState((s) => ({ ...s, ...patch }));
  const updateGraph = (patch: Partial<GraphDraft>): void => setDraft((d) => ({ ...d, graph: { ...d.graph, ...patch } }));
  const graph = draft.backend === 'graph';

  /** The draft with its address completed, and what was accepted for that address. */
  const prepared = (extra: Omit<Accepted, 'url'> = {}): { ready: ConnectDraft; confirmations: ConnectConfirmations } => {
    // Graph has no address to complete nor certificate or plain-http questions to answer.
    if (graph) return { ready: draft, confirmations: {} };
    const url = completeEwsUrl(draft.url);
    if (url !== draft.url) update({ url });
    const kept = accepted?.url === url ? accepted : { url };
    const next: Accepted = { ...kept, ...extra };
    if (extra.trustCertificate !== undefined || extra.allowInsecureHttp !== undefined) setAccepted(next);
    return {
      ready: { ...draft, url },
      confirmations: { trustCertificate: next.trustCertificate, allowInsecureHttp: next.allowInsecureHttp },
    };
  };
  const submit = (extra?: Omit<Accepted, 'url'>): void => {
    const { ready, confirmations } = prepared(extra);
    void connect(ready, secrets, { save, confirmations });
  };
  const runTest = (extra?: Omit<Accepted, 'url'>): void => {
    const { ready, confirmations } = prepared(extra);
    void test.run(buildRequest(ready, secrets, confirmations));
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    submit();
  };

  return (
    <main className="connect-screen">
      <section className="connect-card" aria-labelledby="connect-title">
        <h1 id="connect-title">Connect to Exchange</h1>
        <form onSubmit={onSubmit} className="connect-form">
          <fieldset className="auth-kind">
            <legend>Connect with</legend>
            {backendChoices.map((choice) => (
              <label key={choice.kind} className="inline">
                <input
                  type="radio"
                  name="backend"
                  value={choice.kind}
                  checked={draft.backend === choice.kind}
                  onChange={() => update({ backend: choice.kind })}
                />
                {choice.label}
              </label>
            ))}
          </fieldset>
          {graph ? (
            <GraphFields graph={draft.graph} update={updateGraph} disabled={connecting} onSignOut={() => void signOut()} />
          ) : (
            <EwsFields draft={draft} update={update} secrets={secrets} setSecrets={setSecrets} disabled={connecting} />
          )}
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
            <ConnectErrorPanel
              error={error}
              busy={connecting}
              onShowTrace={showTrace}
              answer={
                errorFrom === 'form'
                  ? { trust: (sha256) => submit({ trustCertificate: sha256 }), allowInsecure: () => submit({ allowInsecureHttp: true }) }
                  : undefined
              }
            />
          )}
          <SignInProgress
            waiting={(connecting && signingIn) || (test.running && (graph || draft.authKind === 'microsoft365'))}
            pending={
              connecting && connectingTo !== undefined
                ? { what: 'connect', host: connectingTo }
                : test.running && !graph && draft.authKind !== 'microsoft365'
                  ? { what: 'test', host: hostOf(draft.url) }
                  : undefined
            }
            cancelled={signInCancelled && !connecting}
            cancelledTo={cancelledTo}
            onCancel={() => void cancelSignIn()}
          />
          {test.result && (
            <ConnectionTestPanel
              result={test.result}
              busy={test.running}
              trusted={accepted?.url === draft.url ? accepted.trustCertificate : undefined}
              onTrust={(sha256) => runTest({ trustCertificate: sha256 })}
              onClose={test.close}
              onShowTrace={showTrace}
            />
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={connecting}>
              {connecting ? 'Connecting…' : 'Connect'}
            </button>
            <button type="button" onClick={() => runTest()} disabled={connecting || test.running}>
              {test.running ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" onClick={() => void openDemo()} disabled={connecting}>
              Open demo mailbox
            </button>
          </div>
        </form>
        <p className="hint">
          EWS in Exchange Online is being retired (Microsoft blocks it from October 2026): connect to Exchange Online over Microsoft Graph. On-premises Exchange
          Server keeps EWS.
        </p>
      </section>
      <ProfileList />
      {traceOpen && <TraceDialog />}
    </main>
  );
}

interface EwsFieldsProps {
  draft: ConnectDraft;
  update: (patch: Partial<ConnectDraft>) => void;
  secrets: ConnectSecrets;
  setSecrets: (patch: Partial<ConnectSecrets>) => void;
  disabled: boolean;
}

/** The EWS half of the form: Autodiscover, the address, the sign-in and the mailbox to impersonate. */
function EwsFields({ draft, update, secrets, setSecrets, disabled }: EwsFieldsProps) {
  return (
    <>
      <AutodiscoverField draft={draft} update={update} secrets={secrets} disabled={disabled} />
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
      <SignInFields draft={draft} update={update} secrets={secrets} setSecrets={setSecrets} />
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
    </>
  );
}
