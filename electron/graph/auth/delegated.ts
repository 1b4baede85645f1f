// Delegated sign-in (an admin at the keyboard): MSAL's PublicClientApplication with the system
// browser. MSAL runs the authorization code flow with PKCE, listens for the answer on a
// loopback server bound to 127.0.0.1 (redirect URI http://localhost:{port}, form_post), and
// keeps tokens in the encrypted cache; later calls refresh silently; sign-out empties it.
// The browser is injected ("open URL"): shell.openExternal in the app, an HTTP client in tests.
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo, type AuthenticationResult, type INetworkModule } from '@azure/msal-node';
import type { TokenSource } from '../client';
import { authorityOptions, type AuthorityConfig } from './authority';
import type { EncryptedCachePlugin } from './tokenCache';

export interface DelegatedOptions {
  clientId: string;
  authority: AuthorityConfig;
  cache: EncryptedCachePlugin;
  /** Opens the sign-in page in the user's browser. */
  openUrl: (url: string) => Promise<void>;
  network?: INetworkModule;
  /** Shown in the browser tab once the answer reached the app. */
  successPage?: string;
  errorPage?: string;
}

export interface SignedIn {
  accessToken: string;
  expiresOn?: Date;
  account: { username: string; homeAccountId: string; tenantId: string };
}

export type SilentResult = { ok: true; token: SignedIn } | { ok: false; reason: 'no-account' | 'interaction-required' | 'failed'; message: string };

function signedIn(result: AuthenticationResult): SignedIn {
  const account = result.account;
  return {
    accessToken: result.accessToken,
    ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}),
    account: { username: account?.username ?? '', homeAccountId: account?.homeAccountId ?? '', tenantId: account?.tenantId ?? result.tenantId },
  };
}

/** What a Graph request says once the account left the cache (Sign out, or the cache was removed) mid-run. */
export const SIGN_IN_REMOVED = 'The Microsoft Graph sign-in was removed (Sign out) while this was running: nothing more was sent; connect again to sign in.';

/** The interactive sign-in was cancelled in the app (its loopback listener is closed). */
export class SignInCancelledError extends Error {
  constructor() {
    super('The sign-in in the browser was cancelled.');
    this.name = 'SignInCancelledError';
  }
}

/**
 * Posts the "user declined" answer to MSAL's loopback listener named by the authorize URL's
 * redirect_uri, with its state (the listener ignores answers without it). The listener binds
 * 127.0.0.1 while the redirect URI says localhost, so the address is used directly.
 */
async function declineAt(authorizeUrl: URL): Promise<void> {
  const redirect = authorizeUrl.searchParams.get('redirect_uri');
  const state = authorizeUrl.searchParams.get('state');
  if (redirect === null || state === null) return;
  const target = new URL(redirect);
  // Only ever MSAL's own listener on this machine.
  if (target.protocol !== 'http:' || (target.hostname !== 'localhost' && target.hostname !== '127.0.0.1')) return;
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  const body = new URLSearchParams({ error: 'access_denied', error_description: 'Cancelled in the app.', state }).toString();
  await fetch(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).catch(() => undefined);
}

export class DelegatedSignIn {
  private readonly app: PublicClientApplication;

  constructor(private readonly options: DelegatedOptions) {
    this.app = new PublicClientApplication({
      auth: { clientId: options.clientId, ...authorityOptions(options.authority) },
      cache: { cachePlugin: options.cache },
      ...(options.network ? { system: { networkClient: options.network } } : {}),
    });
  }

  /**
   * Interactive sign-in through the browser. `signal` cancels it: MSAL 7 takes no AbortSignal and
   * keeps its loopback listener open until an answer arrives, so the cancel delivers the answer an
   * authority gives when the user declines (RFC 6749 §4.1.2.1: error=access_denied with the
   * request's state) to that listener; MSAL then closes it and rejects, as for a declined sign-in.
   */
  async signIn(scopes: string[], loginHint?: string, signal?: AbortSignal): Promise<SignedIn> {
    if (signal?.aborted) throw new SignInCancelledError();
    let asked: URL | undefined;
    const cancel = (): void => {
      if (asked !== undefined) void declineAt(asked);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const result = await this.app.acquireTokenInteractive({
        scopes,
        openBrowser: async (url) => {
          asked = new URL(url);
          // Cancelled while MSAL was starting its listener: answer it instead of opening the browser.
          if (signal?.aborted) return declineAt(asked);
          return this.options.openUrl(url);
        },
        ...(loginHint ? { loginHint } : {}),
        successTemplate: this.options.successPage ?? 'Signed in to Mailbox Sweeper. You can close this tab.',
        errorTemplate: this.options.errorPage ?? 'Sign-in to Mailbox Sweeper failed. Close this tab and try again in the app.',
      });
      if (signal?.aborted) throw new SignInCancelledError();
      return signedIn(result);
    } catch (error) {
      throw signal?.aborted ? new SignInCancelledError() : error;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  accounts(): Promise<AccountInfo[]> {
    return this.app.getTokenCache().getAllAccounts();
  }

  /**
   * A token from the cache, refreshed with the refresh token when the access token expired or
   * `forceRefresh` asks (Graph refused a cached token that had not expired yet, e.g. revoked).
   */
  async silent(scopes: string[], username?: string, forceRefresh = false): Promise<SilentResult> {
    const accounts = await this.accounts();
    const account = username ? accounts.find((a) => a.username.toLowerCase() === username.toLowerCase()) : accounts[0];
    if (!account) return { ok: false, reason: 'no-account', message: 'Not signed in.' };
    try {
      return { ok: true, token: signedIn(await this.app.acquireTokenSilent({ account, scopes, forceRefresh })) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, reason: err instanceof InteractionRequiredAuthError ? 'interaction-required' : 'failed', message };
    }
  }

  /** For the Graph client: a silent token or an error saying sign-in is needed (never a browser pop-up mid-job). */
  tokenSource(scopes: string[], username?: string): TokenSource {
    return async () => {
      const result = await this.silent(scopes, username);
      if (!result.ok)
        throw new Error(result.reason === 'failed' ? result.message : result.reason === 'no-account' ? SIGN_IN_REMOVED : `Sign-in needed (${result.reason}).`);
      return result.token.accessToken;
    };
  }

  /** Forgets every account and empties the persisted cache. */
  async signOut(): Promise<void> {
    const cache = this.app.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
    await this.options.cache.clear();
  }
}
