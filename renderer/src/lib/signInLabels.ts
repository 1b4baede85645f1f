// How the sign-in kinds and schemes are named on screen, in the order the form offers them.
import type { AuthKind, PasswordScheme } from '../../../shared/ipc';

export const authKindChoices: readonly { kind: AuthKind; label: string }[] = [
  { kind: 'password', label: 'Windows account (NTLM / Negotiate)' },
  { kind: 'windows', label: 'Use my Windows sign-in' },
  { kind: 'basic', label: 'Basic' },
  { kind: 'bearer', label: 'OAuth access token' },
  { kind: 'microsoft365', label: 'Microsoft 365 sign-in (Exchange Online)' },
];

/** Short names for the profile list. */
export const authKindShort: Record<AuthKind, string> = {
  password: 'Windows account',
  windows: 'Windows sign-in',
  basic: 'Basic',
  bearer: 'OAuth token',
  microsoft365: 'Microsoft 365 sign-in',
};

export const schemeLabels: Record<PasswordScheme, string> = {
  negotiate: 'Negotiate',
  ntlm: 'NTLM',
  basic: 'Basic',
};

/** What the secret field is called for a sign-in kind. */
export const secretLabel = (kind: AuthKind): string => (kind === 'bearer' ? 'Access token' : 'Password');
