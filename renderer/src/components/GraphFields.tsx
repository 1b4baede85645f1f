// The Microsoft Graph half of the connect form: the tenant and app registration, the mailbox to
// open, and how to sign in (the system browser, or the app's certificate by its files). Shown in
// place of the EWS fields when the admin chooses Exchange Online over Graph.
import type { GraphSignInKind } from '../../../shared/ipc';
import type { GraphDraft } from '../lib/connectRequest';

interface GraphFieldsProps {
  graph: GraphDraft;
  update: (patch: Partial<GraphDraft>) => void;
  disabled: boolean;
  onSignOut: () => void;
}

const signInChoices: readonly { kind: GraphSignInKind; label: string }[] = [
  { kind: 'delegated', label: 'Sign in in the browser (delegated)' },
  { kind: 'appOnly', label: 'App-only with a certificate' },
];

export function GraphFields({ graph, update, disabled, onSignOut }: GraphFieldsProps) {
  const tenant = graph.tenantId.trim() || '{tenant}';
  return (
    <>
      <label>
        Tenant ID
        <input
          value={graph.tenantId}
          onChange={(e) => update({ tenantId: e.target.value })}
          required
          spellCheck={false}
          placeholder="contoso.onmicrosoft.com or its GUID"
        />
      </label>
      <label>
        Application (client) ID
        <input
          value={graph.clientId}
          onChange={(e) => update({ clientId: e.target.value })}
          required
          spellCheck={false}
          placeholder="00000000-0000-0000-0000-000000000000"
        />
      </label>
      <label>
        Mailbox to open
        <input
          type="email"
          value={graph.mailbox}
          onChange={(e) => update({ mailbox: e.target.value })}
          required
          spellCheck={false}
          placeholder="someone@contoso.com"
        />
      </label>
      <fieldset className="auth-kind">
        <legend>Sign-in</legend>
        {signInChoices.map((choice) => (
          <label key={choice.kind} className="inline">
            <input
              type="radio"
              name="graphSignIn"
              value={choice.kind}
              checked={graph.signIn === choice.kind}
              onChange={() => update({ signIn: choice.kind })}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {graph.signIn === 'delegated' ? (
        <p className="hint sign-in-note">
          Your browser opens to sign in. The sign-in is kept encrypted on this computer and renewed silently until you sign out.{' '}
          <button type="button" className="link-button" onClick={onSignOut} disabled={disabled}>
            Sign out of Microsoft Graph
          </button>
        </p>
      ) : (
        <fieldset className="proxy-fields">
          <legend>Certificate of the app registration</legend>
          <label>
            Certificate file (PEM)
            <input
              value={graph.certificatePath}
              onChange={(e) => update({ certificatePath: e.target.value })}
              required
              spellCheck={false}
              placeholder="C:\Certs\sweeper.pem"
            />
          </label>
          <label>
            Private key file (PEM, unencrypted)
            <input
              value={graph.privateKeyPath}
              onChange={(e) => update({ privateKeyPath: e.target.value })}
              required
              spellCheck={false}
              placeholder="C:\Certs\sweeper.key"
            />
          </label>
          <label>
            Thumbprint (optional, checked against the file)
            <input value={graph.thumbprint} onChange={(e) => update({ thumbprint: e.target.value })} spellCheck={false} />
          </label>
          <p className="hint">The key is read from these files by the app only; the Windows certificate store and the macOS keychain cannot be used.</p>
        </fieldset>
      )}
      <details className="advanced">
        <summary>Advanced</summary>
        <label>
          Sign-in authority
          <input
            type="text"
            inputMode="url"
            value={graph.authorityUrl}
            onChange={(e) => update({ authorityUrl: e.target.value })}
            spellCheck={false}
            placeholder={`https://login.microsoftonline.com/${tenant}`}
          />
        </label>
        <label>
          Graph endpoint
          <input
            type="text"
            inputMode="url"
            value={graph.graphUrl}
            onChange={(e) => update({ graphUrl: e.target.value })}
            spellCheck={false}
            placeholder="https://graph.microsoft.com/v1.0"
          />
        </label>
        <p className="hint">Change these only for a national cloud (for example login.microsoftonline.us and graph.microsoft.us).</p>
      </details>
    </>
  );
}
