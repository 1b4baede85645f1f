// The user-name forms an admin types for Windows sign-in.

export interface WindowsUserName {
  user: string;
  /** '' for a UPN: the domain is then part of the user name, as Windows sends it. */
  domain: string;
}

/**
 * `DOMAIN\user` → { user, domain: DOMAIN }; `user@domain` (UPN) → { user: 'user@domain', domain: '' };
 * bare `user` → { user, domain } with the separate domain field ('' when none).
 */
export function parseWindowsUserName(user: string, domain?: string): WindowsUserName {
  const name = user.trim();
  const backslash = name.indexOf('\\');
  if (backslash >= 0) return { user: name.slice(backslash + 1), domain: name.slice(0, backslash) };
  if (name.includes('@')) return { user: name, domain: '' };
  return { user: name, domain: (domain ?? '').trim() };
}
