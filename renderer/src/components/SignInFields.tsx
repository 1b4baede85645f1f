// The sign-in part of the connect form: how to authenticate, the account, and (under Advanced)
// the schemes a password may use and an explicit proxy. The password and the proxy password are
// the form's local state, handed in here; nothing secret is kept anywhere else.
import { PASSWORD_SCHEMES, type PasswordScheme } from '../../../shared/ipc';
import { orderedSchemes, takesSecret, takesUser, type ConnectDraft, type ConnectSecrets } from '../lib/connectRequest';
import { authKindChoices, schemeLabels, secretLabel } from '../lib/signInLabels';

interface SignInFieldsProps {
  draft: ConnectDraft;
  update: (patch: Partial<ConnectDraft>) => void;
  secrets: ConnectSecrets;
  setSecrets: (patch: Partial<ConnectSecrets>) => void;
}

export function SignInFields({ draft, update, secrets, setSecrets }: SignInFieldsProps) {
  const kind = draft.authKind;
  return (
    <>
      <fieldset className="auth-kind">
        <legend>Authentication</legend>
        {authKindChoices.map((choice) => (
          <label key={choice.kind} className="inline">
            <input type="radio" name="authKind" value={choice.kind} checked={kind === choice.kind} onChange={() => update({ authKind: choice.kind })} />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {kind === 'windows' && (
        <p className="hint sign-in-note">
          Signs in as the Windows user running this app, with no password typed. It needs the desktop app on a computer joined to the domain.
        </p>
      )}
      {kind === 'microsoft365' && (
        <>
          <p className="hint sign-in-note">
            Signs in to Exchange Online in your browser with the app registration&apos;s delegated permission EWS.AccessAsUser.All. EWS in Exchange Online stops
            working on 1 April 2027.
          </p>
          <label>
            Tenant ID
            <input
              value={draft.graph.tenantId}
              onChange={(e) => update({ graph: { ...draft.graph, tenantId: e.target.value } })}
              spellCheck={false}
              required
              placeholder="contoso.onmicrosoft.com or the directory id"
            />
          </label>
          <label>
            Application (client) ID
            <input value={draft.graph.clientId} onChange={(e) => update({ graph: { ...draft.graph, clientId: e.target.value } })} spellCheck={false} required />
          </label>
          <label>
            Sign-in authority (optional)
            <input
              value={draft.graph.authorityUrl}
              onChange={(e) => update({ graph: { ...draft.graph, authorityUrl: e.target.value } })}
              spellCheck={false}
              placeholder="https://login.microsoftonline.com/{tenant}"
            />
          </label>
        </>
      )}
      {takesUser(kind) && (
        <label>
          User name
          <input
            value={draft.user}
            onChange={(e) => update({ user: e.target.value })}
            autoComplete="username"
            spellCheck={false}
            required
            placeholder={kind === 'password' ? 'CONTOSO\\admin or admin@contoso.com' : undefined}
          />
        </label>
      )}
      {kind === 'password' && (
        <label>
          Domain (only for a bare user name)
          <input value={draft.domain} onChange={(e) => update({ domain: e.target.value })} spellCheck={false} placeholder="CONTOSO" />
        </label>
      )}
      {takesSecret(kind) && (
        <label>
          {secretLabel(kind)}
          <input type="password" value={secrets.secret} onChange={(e) => setSecrets({ secret: e.target.value })} autoComplete="current-password" required />
        </label>
      )}
      <details className="advanced">
        <summary>Advanced</summary>
        {kind === 'password' && <SchemeChoice schemes={draft.schemes} onChange={(schemes) => update({ schemes })} />}
        <fieldset className="proxy-fields">
          <legend>Proxy (optional)</legend>
          <label>
            Proxy URL
            <input
              type="text"
              inputMode="url"
              value={draft.proxyUrl}
              onChange={(e) => update({ proxyUrl: e.target.value })}
              placeholder="http://proxy.contoso.com:8080"
              spellCheck={false}
            />
          </label>
          <label>
            Proxy user name
            <input value={draft.proxyUser} onChange={(e) => update({ proxyUser: e.target.value })} spellCheck={false} autoComplete="off" />
          </label>
          <label>
            Proxy password
            <input type="password" value={secrets.proxyPassword} onChange={(e) => setSecrets({ proxyPassword: e.target.value })} autoComplete="off" />
          </label>
        </fieldset>
      </details>
    </>
  );
}

function SchemeChoice({ schemes, onChange }: { schemes: PasswordScheme[]; onChange: (schemes: PasswordScheme[]) => void }) {
  const toggle = (scheme: PasswordScheme, on: boolean): void => onChange(orderedSchemes(on ? [...schemes, scheme] : schemes.filter((s) => s !== scheme)));
  return (
    <fieldset className="scheme-choice">
      <legend>Allowed sign-in schemes, in order of preference</legend>
      {PASSWORD_SCHEMES.map((scheme) => {
        const on = schemes.includes(scheme);
        // The last one ticked stays: a password sign-in needs at least one scheme.
        const last = on && schemes.length === 1;
        return (
          <label key={scheme} className="inline" title={last ? 'At least one scheme must stay allowed' : undefined}>
            <input type="checkbox" checked={on} disabled={last} onChange={(e) => toggle(scheme, e.target.checked)} />
            {schemeLabels[scheme]}
          </label>
        );
      })}
      {schemes.includes('basic') && <p className="hint">Basic sends the password in every request (encrypted only by https).</p>}
    </fieldset>
  );
}
