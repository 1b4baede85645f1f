// Opening a connection and making it current: EWS (a request, a saved profile, the demo mailbox)
// and Graph, both reached by kind through the backend registry; the sessions jobs still run on;
// and the account's own sign-in, which the many-mailbox flow opens each mailbox from.
import type { ConnectRequest, ConnectResult, GraphConnectionSettings } from '../../shared/ipc';
import { backendConnector, registeredBackend, type ConnectionParams, type MailboxBackend, type SignInEnvironment } from '../backends/port';
import { CONNECT_CANCELLED, type ConnectAttempt } from './connectAttempts';
import { settingsFrom, trustRequested } from './connectRequests';
import { MICROSOFT365_SIGNED_IN_WITH, withMicrosoft365Token } from './ewsSignIn';
import type { CurrentSession } from './currentSession';
import type { DemoMailbox } from './demoMailbox';
import { connectGraph, graphSettingsFrom } from './graphConnect';
import type { JobCoordinator } from './jobCoordinator';
import type { ProfileStore } from './profileStore';
import type { SweeperServiceOptions } from './serviceOptions';

const NO_KEY_STORE_NOTICE =
  'The profile was saved without its password: this computer offers no protected key store (on Linux: no desktop keyring), so the password is never written to disk. You will be asked for it when you connect.';

/** Every open session by its job connection; closed when released (no longer current, no job on it). */
export class OpenSessions {
  private readonly sessions = new Map<object, MailboxBackend>();
  // The demo's connections: the simulator stops once none is in use (disconnected, or another
  // connection opened and the demo's last job settled), so it is not left listening.
  private readonly demoConnections = new Set<object>();

  constructor(private readonly demo: DemoMailbox) {}

  add(connection: object, session: MailboxBackend, demoConnection: boolean): void {
    this.sessions.set(connection, session);
    if (demoConnection) this.demoConnections.add(connection);
  }

  release(connection: object): void {
    this.sessions.get(connection)?.close();
    this.sessions.delete(connection);
    if (this.demoConnections.delete(connection) && this.demoConnections.size === 0) void this.demo.close();
  }

  closeAll(): void {
    for (const open of this.sessions.values()) open.close();
    this.sessions.clear();
  }
}

/**
 * What the many-mailbox flow opens mailboxes from (a new object per sign-in): over EWS the
 * account's own connection, each mailbox a sign-in of it; over Graph the connection's settings,
 * one sign-in (silent, from the kept one) opening every mailbox.
 */
export type ManyMailboxAccount =
  { backend: 'ews'; connection: Omit<ConnectionParams, 'impersonate'> } | { backend: 'graph'; settings: GraphConnectionSettings; actor: string };

export interface ConnectFlowParts {
  options: SweeperServiceOptions;
  profiles: ProfileStore;
  demo: DemoMailbox;
  jobs: JobCoordinator;
  opened: OpenSessions;
  current: CurrentSession;
  environment: SignInEnvironment;
  registerSecrets(...secrets: Array<string | undefined>): void;
}

export class ConnectFlow {
  /** The account's own sign-in (a new object per sign-in), from which the many-mailbox flow opens each mailbox. */
  account: ManyMailboxAccount | undefined;

  constructor(private readonly parts: ConnectFlowParts) {}

  /** `attempt`: the admin's Cancel (connectAttempts.ts); a Graph connect is cancelled by its connector's cancelSignIn instead. */
  async connect(request: ConnectRequest, attempt?: ConnectAttempt): Promise<ConnectResult> {
    const { options, profiles } = this.parts;
    if (request.backend === 'graph') {
      if (attempt !== undefined && !attempt.commit()) return { ok: false, error: CONNECT_CANCELLED };
      const settings = graphSettingsFrom(request);
      const save = request.saveAs === undefined ? undefined : { profiles, name: request.saveAs };
      return connectGraph(registeredBackend('graph'), settings, (next) => this.installGraph(next, settings), save);
    }
    const settings = settingsFrom(request);
    const trusted = await trustRequested(request, settings, options.connectVia, attempt?.signal);
    if (trusted !== undefined) return { ok: false, error: trusted };
    const result = await this.open(
      {
        ...settings,
        secret: request.secret,
        ...(request.proxy === undefined ? {} : { proxy: request.proxy }),
        demo: false,
      },
      attempt,
    );
    if (!result.ok || request.saveAs === undefined) return result;
    // Saved only after a successful sign-in, so a mistyped password is never remembered.
    let saved: Awaited<ReturnType<ProfileStore['save']>>;
    try {
      saved = await profiles.save({ ...settings, name: request.saveAs, secret: request.secret, proxyPassword: request.proxy?.password });
    } catch (error) {
      return { ...result, notice: `Connected, but the profile could not be saved: ${error instanceof Error ? error.message : String(error)}` };
    }
    return saved.secretSaved ? { ...result, savedProfileId: saved.profile.id } : { ...result, savedProfileId: saved.profile.id, notice: NO_KEY_STORE_NOTICE };
  }

  async connectProfile(profileId: string, secret: string | undefined, attempt?: ConnectAttempt): Promise<ConnectResult> {
    const profile = await this.parts.profiles.connection(profileId);
    if (profile === undefined) return { ok: false, error: { kind: 'invalid', message: 'This profile no longer exists.' } };
    // A Graph profile signs in silently from the kept sign-in, or in the browser (cancelled by its connector).
    const graph = profile.graph;
    if (graph !== undefined && attempt !== undefined && !attempt.commit()) return { ok: false, error: CONNECT_CANCELLED };
    if (graph !== undefined) return connectGraph(registeredBackend('graph'), graph, (next) => this.installGraph(next, graph));
    const useSecret = secret ?? profile.secret;
    if (useSecret === undefined && profile.authKind !== 'windows' && profile.authKind !== 'microsoft365') {
      return { ok: false, error: { kind: 'auth', message: 'No password is stored for this profile on this computer: enter it to connect.' } };
    }
    const { secret: _stored, proxyUrl, proxyUser, proxyPassword, ...settings } = profile;
    const proxy =
      proxyUrl === undefined
        ? {}
        : {
            proxy: {
              url: proxyUrl,
              ...(proxyUser === undefined ? {} : { user: proxyUser }),
              ...(proxyPassword === undefined ? {} : { password: proxyPassword }),
            },
          };
    return this.open({ ...settings, ...proxy, secret: useSecret, demo: false }, attempt);
  }

  async openDemo(attempt?: ConnectAttempt): Promise<ConnectResult> {
    let endpoint: Awaited<ReturnType<DemoMailbox['endpoint']>>;
    try {
      endpoint = await this.parts.demo.endpoint();
    } catch (error) {
      return {
        ok: false,
        error: { kind: 'server', message: `The demo mailbox could not start: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
    return this.open({ url: endpoint.url, authKind: 'basic', user: endpoint.user, secret: endpoint.password, demo: true }, attempt);
  }

  /**
   * Signs in and makes the session current. `attempt`: the admin's Cancel aborts the requests under
   * way (their sockets closed); a session opened just as Cancel came is closed, never installed.
   */
  private async open(requested: ConnectionParams, attempt?: ConnectAttempt): Promise<ConnectResult> {
    const { options, environment } = this.parts;
    this.parts.registerSecrets(requested.secret, requested.proxy?.password);
    // Still queued behind another connect when Cancel came: nothing is sent.
    if (attempt?.signal.aborted === true) return { ok: false, error: CONNECT_CANCELLED };
    // Microsoft 365 sign-in first (the kept sign-in, else the browser); its token getter rides in the params.
    const signedIn = await withMicrosoft365Token(requested, registeredBackend('graph'));
    if (!signedIn.ok) return signedIn;
    const params = signedIn.params;
    const opened = await backendConnector('ews').open({ ...params, connectTimeoutMs: options.connectTimeoutMs }, environment, attempt?.signal);
    if (!opened.ok) return opened;
    if (attempt !== undefined && !attempt.commit()) {
      opened.session.close();
      return { ok: false, error: CONNECT_CANCELLED };
    }
    const { impersonate: _opened, ...own } = params;
    return this.install(opened.session, { backend: 'ews', connection: { ...own, connectTimeoutMs: options.connectTimeoutMs } }, params.demo);
  }

  /** A Graph connection: its settings sign in again (silently) for the many-mailbox flow. */
  private installGraph(next: MailboxBackend, settings: GraphConnectionSettings): ConnectResult {
    return this.install(next, { backend: 'graph', settings, actor: next.actor });
  }

  /**
   * Makes an opened backend the current session, for the views and for new jobs, and `account`
   * the one the many-mailbox flow opens mailboxes from; the session says whether there is one
   * (SessionInfo.manyMailboxes: the renderer offers that screen only then).
   */
  private install(next: MailboxBackend, account: ManyMailboxAccount | undefined, demoConnection = false): ConnectResult {
    const connection = {
      actor: next.actor,
      backendFor: next.jobBackend.bind(next),
      assertMailbox: next.assertMailbox.bind(next),
    };
    // Before jobs.connect, which may release the previous demo connection.
    this.parts.opened.add(connection, next, demoConnection);
    this.parts.jobs.connect(connection);
    this.parts.current.backend = next;
    this.account = account;
    // Sign out forgets the kept Microsoft sign-in and closes these (connectionHandlers.ts signOut).
    const closedBySignOut = next.info.backend === 'graph' || next.info.signedInWith === MICROSOFT365_SIGNED_IN_WITH;
    return { ok: true, session: { ...next.info, manyMailboxes: account !== undefined, ...(closedBySignOut ? { closedBySignOut } : {}) } };
  }
}
