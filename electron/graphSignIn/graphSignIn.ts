// Microsoft Graph sign-in for the app: delegated (the system browser, MSAL's loopback listener,
// the cache sealed by the SecretStore and refreshed silently on later connects) or app-only (the
// app registration's certificate). Electron-free: the main process lends it the browser opener
// (shell.openExternal) and the SecretStore (safeStorage); the e2e harness lends a Playwright page.
import type { ConnectError, GraphConnectionSettings } from '../../shared/ipc';
import { AppOnlySignIn } from '../graph/auth/appOnly';
import { openIdMetadataShape, type OpenIdMetadata } from '../graph/auth/authority';
import { DelegatedSignIn, SignInCancelledError } from '../graph/auth/delegated';
import { MsalNetwork } from '../graph/auth/network';
import { EncryptedCachePlugin } from '../graph/auth/tokenCache';
import { GraphClient, type TokenSource } from '../graph/client';
import { parseBoundedJson } from '../graph/json';
import { HttpsTransport, type GraphHttp } from '../graph/transport';
import type { SecretStore } from '../service/secretStore';
import { cacheFileName, removeAllSignIns, sealedStoreFor, secretStoreCipher } from './cacheStore';
import { loadCertificate, resolveSettings, type ResolvedGraphSettings } from './settings';
import { signInError, type SignInContext } from './signInErrors';

export interface GraphSignInOptions {
  /** The app's data folder (the sealed sign-in caches go under it). */
  dataDir: string;
  secrets: SecretStore;
  /** Opens the sign-in page in the admin's browser (shell.openExternal in the app). */
  openUrl: (url: string) => Promise<void>;
  /** Extra CA certificates trusted for the authority and Graph (an inspecting proxy's; the simulator's in tests). */
  ca?: string | readonly string[];
  /** How long the admin has to finish signing in in the browser (default 5 minutes). */
  interactiveTimeoutMs?: number;
  /** How long one call to the authority or Graph may take here (default 30 s). */
  timeoutMs?: number;
}

export type SignedIn = {
  ok: true;
  token: TokenSource;
  /** The signed-in user (delegated) or the app's client id (app-only), for the audit log. */
  actor: string;
  /** The signed-in user's name (delegated only). */
  account?: string;
  resolved: ResolvedGraphSettings;
  context: SignInContext;
};
export type SignInResult = SignedIn | { ok: false; error: ConnectError };
export type MoreScopes = { ok: true; token: TokenSource } | { ok: false; error: ConnectError; consentNeeded: boolean };

const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

/** The admin cancelled in the app: said as a state, not as a failure to report. */
const cancelledError = (): ConnectError => ({ kind: 'cancelled', message: new SignInCancelledError().message });

export class GraphSignIn {
  private readonly http: HttpsTransport;
  /** One MSAL application per authority and app registration, kept for the run (its memory cache). */
  private readonly delegated = new Map<string, DelegatedSignIn>();
  /** The interactive sign-ins under way (Cancel aborts them; one that has finished is no longer here). */
  private readonly attempts = new Set<AbortController>();

  constructor(private readonly options: GraphSignInOptions) {
    this.http = new HttpsTransport(options.ca === undefined ? {} : { ca: options.ca });
  }

  /** The authority's OpenID configuration: proves it is reachable and the tenant exists, and spares MSAL its discovery. */
  async authorityMetadata(settings: GraphConnectionSettings): Promise<{ ok: true; metadata: OpenIdMetadata } | { ok: false; error: ConnectError }> {
    const resolved = resolveSettings(settings);
    const url = new URL(`${resolved.authorityUrl}/v2.0/.well-known/openid-configuration`);
    const outcome = await this.http.send({
      method: 'GET',
      url,
      headers: { accept: 'application/json' },
      timeoutMs: this.timeoutMs,
      maxResponseBytes: 256 * 1024,
    });
    if (!outcome.ok) {
      const kind = outcome.failure.reason === 'tls' ? 'tls' : outcome.failure.reason === 'timeout' ? 'timeout' : 'network';
      return { ok: false, error: { kind, message: `The sign-in authority ${resolved.authorityUrl} could not be reached: ${outcome.failure.message}` } };
    }
    const json = parseBoundedJson(outcome.response.body, { maxChars: 256 * 1024, maxDepth: 16 });
    if (outcome.response.status !== 200) {
      const description =
        json.ok && typeof json.value === 'object' && json.value !== null && 'error_description' in json.value
          ? String(json.value.error_description)
          : `HTTP ${outcome.response.status}`;
      return { ok: false, error: signInError(new Error(description), this.context(settings, resolved)) };
    }
    const metadata = openIdMetadataShape.safeParse(json.ok ? json.value : undefined);
    if (!metadata.success)
      return { ok: false, error: { kind: 'notEws', message: `${resolved.authorityUrl} answered, but not as an OpenID sign-in authority.` } };
    return { ok: true, metadata: metadata.data };
  }

  /** Signs in: a kept delegated sign-in silently when it still works, else the browser (`interactive`); app-only with the certificate. */
  async signIn(settings: GraphConnectionSettings, interactive = true): Promise<SignInResult> {
    const attempt = new AbortController();
    // Only what the admin started from the connect screen is theirs to cancel; a silent sign-in
    // (a job over many mailboxes on this connector) is left alone.
    if (interactive) this.attempts.add(attempt);
    try {
      return await this.signInOnce(settings, interactive, attempt.signal);
    } finally {
      this.attempts.delete(attempt);
    }
  }

  private async signInOnce(settings: GraphConnectionSettings, interactive: boolean, signal: AbortSignal): Promise<SignInResult> {
    const resolved = resolveSettings(settings);
    const context = this.context(settings, resolved);
    const authority = await this.authorityMetadata(settings);
    // Cancelled while the authority answered: nothing was signed in, so the browser does not open.
    if (signal.aborted) return { ok: false, error: cancelledError() };
    if (!authority.ok) return authority;
    const config = { url: resolved.authorityUrl, metadata: authority.metadata };
    const network = new MsalNetwork(this.http, { timeoutMs: this.timeoutMs });
    try {
      if (settings.signIn === 'appOnly') {
        if (settings.certificate === undefined) return { ok: false, error: { kind: 'invalid', message: 'App-only sign-in needs the certificate files.' } };
        const loaded = await loadCertificate(settings.certificate);
        if (!loaded.ok) return { ok: false, error: { kind: 'invalid', message: loaded.message } };
        const app = new AppOnlySignIn({
          tenantId: settings.tenantId,
          clientId: settings.clientId,
          certificate: loaded.certificate,
          authority: config,
          network,
        });
        await app.token(resolved.scopes);
        return { ok: true, token: app.tokenSource(resolved.scopes), actor: `app ${settings.clientId}`, resolved, context };
      }
      const msal = this.delegatedFor(settings, resolved, config, network);
      const silent = await msal.silent(resolved.scopes);
      let account = silent.ok ? silent.token.account.username : undefined;
      if (account === undefined) {
        if (!interactive)
          return { ok: false, error: { kind: 'auth', message: 'Not signed in to Microsoft Graph on this computer: connect from the form to sign in.' } };
        account = (await this.browserStep(signal, (step) => msal.signIn(resolved.scopes, resolved.mailbox, step))).account.username;
      }
      // A cancel that came while an app-only or silent sign-in finished is still the admin's answer.
      if (signal.aborted) return { ok: false, error: cancelledError() };
      return { ok: true, token: msal.tokenSource(resolved.scopes, account), actor: account, account, resolved, context: { ...context, account } };
    } catch (error) {
      if (error instanceof SignInCancelledError || signal.aborted) return { ok: false, error: cancelledError() };
      return { ok: false, error: signInError(error, context) };
    }
  }

  /**
   * Cancels the interactive sign-ins under way: each ends as 'cancelled' and a browser step's
   * loopback listener closes. False when none was (a sign-in that already finished is left as it is).
   */
  cancelSignIn(): boolean {
    const attempts = [...this.attempts];
    for (const attempt of attempts) attempt.abort();
    return attempts.length > 0;
  }

  /** A Graph client on the signed-in token (the caller closes it); `extra`: a second client on the same transport with another token. */
  client(signedIn: SignedIn, extra?: TokenSource): { client: GraphClient; extra?: GraphClient; close(): void } {
    const http: GraphHttp & { close(): void } = new HttpsTransport(this.options.ca === undefined ? {} : { ca: this.options.ca });
    const baseUrl = signedIn.resolved.graphUrl;
    return {
      client: new GraphClient({ baseUrl, token: signedIn.token, http }),
      ...(extra === undefined ? {} : { extra: new GraphClient({ baseUrl, token: extra, http }) }),
      close: () => http.close(),
    };
  }

  /**
   * More delegated permissions for the kept sign-in's account, on the same MSAL cache (incremental
   * consent): silently, or with `interactive` the browser asking only these (the admin's Cancel
   * ends it like a connect's browser step). `consentNeeded`: only the browser can grant them.
   */
  async moreScopes(settings: GraphConnectionSettings, scopes: string[], account: string, interactive: boolean): Promise<MoreScopes> {
    const attempt = new AbortController();
    if (interactive) this.attempts.add(attempt);
    const resolved = resolveSettings(settings);
    const context = { ...this.context(settings, resolved), account };
    try {
      const authority = await this.authorityMetadata(settings);
      if (!authority.ok) return { ok: false, error: authority.error, consentNeeded: false };
      const network = new MsalNetwork(this.http, { timeoutMs: this.timeoutMs });
      const msal = this.delegatedFor(settings, resolved, { url: resolved.authorityUrl, metadata: authority.metadata }, network);
      const silent = await msal.silent(scopes, account);
      if (silent.ok) return { ok: true, token: msal.tokenSource(scopes, account) };
      if (!interactive) return { ok: false, error: { kind: 'consent', message: silent.message }, consentNeeded: silent.reason === 'interaction-required' };
      await this.browserStep(attempt.signal, (step) => msal.signIn(scopes, account, step));
      if (attempt.signal.aborted) return { ok: false, error: cancelledError(), consentNeeded: true };
      return { ok: true, token: msal.tokenSource(scopes, account) };
    } catch (error) {
      if (error instanceof SignInCancelledError || attempt.signal.aborted) return { ok: false, error: cancelledError(), consentNeeded: true };
      return { ok: false, error: signInError(error, context), consentNeeded: true };
    } finally {
      this.attempts.delete(attempt);
    }
  }

  /** Forgets every kept delegated sign-in: MSAL's memory and the sealed files. */
  async signOut(): Promise<void> {
    const apps = [...this.delegated.values()];
    this.delegated.clear();
    await Promise.all(apps.map((app) => app.signOut()));
    await removeAllSignIns(this.options.dataDir);
  }

  close(): void {
    this.cancelSignIn();
    this.http.close();
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  private context(settings: GraphConnectionSettings, resolved: ResolvedGraphSettings): SignInContext {
    return {
      signIn: settings.signIn,
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      authorityUrl: resolved.authorityUrl,
      mailbox: resolved.mailbox,
    };
  }

  private delegatedFor(
    settings: GraphConnectionSettings,
    resolved: ResolvedGraphSettings,
    authority: { url: string; metadata: OpenIdMetadata },
    network: MsalNetwork,
  ): DelegatedSignIn {
    const key = cacheFileName(resolved.authorityUrl, settings.clientId);
    let app = this.delegated.get(key);
    if (app === undefined) {
      const cache = new EncryptedCachePlugin(
        secretStoreCipher(this.options.secrets),
        sealedStoreFor(this.options.dataDir, this.options.secrets, resolved.authorityUrl, settings.clientId),
      );
      app = new DelegatedSignIn({ clientId: settings.clientId, authority, cache, openUrl: this.options.openUrl, network });
      this.delegated.set(key, app);
    }
    return app;
  }

  /**
   * The browser step ends when the admin finishes, cancels, or after the time allowed (MSAL itself
   * waits for ever); a cancel or the timeout also closes MSAL's loopback listener.
   */
  private async browserStep<T>(cancel: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const step = new AbortController();
    const onCancel = (): void => step.abort();
    cancel.addEventListener('abort', onCancel, { once: true });
    if (cancel.aborted) step.abort();
    const ms = this.options.interactiveTimeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      step.abort();
    }, ms);
    try {
      return await work(step.signal);
    } catch (error) {
      if (timedOut) throw new Error(`The sign-in in the browser did not finish within ${Math.round(ms / 1000)} s: try again.`);
      throw error;
    } finally {
      clearTimeout(timer);
      cancel.removeEventListener('abort', onCancel);
    }
  }
}
