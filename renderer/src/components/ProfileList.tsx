import { useState } from 'react';
import type { ProfileSummary } from '../../../shared/ipc';
import { useSessionStore } from '../stores/sessionStore';

export function ProfileList() {
  const profiles = useSessionStore((s) => s.profiles);
  if (profiles.length === 0) return null;
  return (
    <section className="connect-card profiles" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Saved profiles</h2>
      <ul className="profile-list">
        {profiles.map((profile) => (
          <ProfileEntry key={profile.id} profile={profile} />
        ))}
      </ul>
    </section>
  );
}

function ProfileEntry({ profile }: { profile: ProfileSummary }) {
  const connectProfile = useSessionStore((s) => s.connectProfile);
  const deleteProfile = useSessionStore((s) => s.deleteProfile);
  const connecting = useSessionStore((s) => s.connecting);
  const [askingSecret, setAskingSecret] = useState(false);
  const [secret, setSecret] = useState('');
  const who = profile.impersonate ?? profile.user ?? '';

  return (
    <li className="profile">
      <div className="profile-text">
        <strong>{profile.name}</strong>
        <span className="muted">
          {who && `${who} · `}
          {profile.url}
        </span>
      </div>
      {askingSecret && (
        <label className="profile-secret">
          {profile.authKind === 'basic' ? 'Password' : 'Access token'} for {profile.name}
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
            if (!profile.hasSecret && !askingSecret) setAskingSecret(true);
            else void connectProfile(profile, profile.hasSecret ? undefined : secret);
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
