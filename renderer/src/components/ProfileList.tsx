import { useState } from 'react';
import type { ProfileSummary } from '../../../shared/ipc';
import { takesSecret } from '../lib/connectRequest';
import { authKindShort, secretLabel } from '../lib/signInLabels';
import { useSessionStore } from '../stores/sessionStore';
import { UnreadableNote } from './UnreadableNote';

export function ProfileList() {
  const profiles = useSessionStore((s) => s.profiles);
  const unreadable = useSessionStore((s) => s.unreadableProfiles);
  if (profiles.length === 0 && unreadable.length === 0) return null;
  return (
    <section className="connect-card profiles" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Saved profiles</h2>
      <ul className="profile-list">
        {profiles.map((profile) => (
          <ProfileEntry key={profile.id} profile={profile} />
        ))}
      </ul>
      <UnreadableNote entries={unreadable} noun="saved profile" />
    </section>
  );
}

function ProfileEntry({ profile }: { profile: ProfileSummary }) {
  const connectProfile = useSessionStore((s) => s.connectProfile);
  const deleteProfile = useSessionStore((s) => s.deleteProfile);
  const connecting = useSessionStore((s) => s.connecting);
  const [askingSecret, setAskingSecret] = useState(false);
  const [secret, setSecret] = useState('');
  const graph = profile.backend === 'graph' ? profile.graph : undefined;
  const who = graph?.mailbox ?? profile.impersonate ?? profile.user ?? '';
  // Windows sign-in and Graph have no secret to ask for; the others ask when none is stored here.
  const needsSecret = graph === undefined && takesSecret(profile.authKind) && !profile.hasSecret;

  return (
    <li className="profile">
      <div className="profile-text">
        <strong>{profile.name}</strong>
        <span className="muted">
          {who && `${who} · `}
          {profile.url}
        </span>
        <span className="profile-sign-in">
          {graph === undefined ? (
            <span className="tag">{authKindShort[profile.authKind]}</span>
          ) : (
            <>
              <span className="tag">Microsoft Graph</span>
              <span className="tag">{graph.signIn === 'appOnly' ? 'app-only' : 'delegated'}</span>
            </>
          )}
          {profile.pinnedCertificate && (
            <span className="tag" title={`SHA-256 ${profile.pinnedCertificate}`}>
              certificate pinned
            </span>
          )}
          {profile.proxyUrl && <span className="tag">via proxy</span>}
        </span>
      </div>
      {askingSecret && needsSecret && (
        <label className="profile-secret">
          {secretLabel(profile.authKind)} for {profile.name}
          <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </label>
      )}
      <div className="profile-actions">
        <button
          type="button"
          className="primary"
          disabled={connecting}
          aria-label={`Connect with profile ${profile.name}`}
          onClick={() => {
            if (needsSecret && !askingSecret) setAskingSecret(true);
            else void connectProfile(profile, needsSecret ? secret : undefined);
          }}
        >
          Connect
        </button>
        <button type="button" aria-label={`Delete profile ${profile.name}`} onClick={() => void deleteProfile(profile.id)}>
          Delete
        </button>
      </div>
    </li>
  );
}
