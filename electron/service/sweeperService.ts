// The use-cases behind every IPC method (and the e2e harness): profiles and connect, folders,
// items, jobs, reports, folder delete, the demo mailbox. No Electron here: the main process
// passes in the data folder, the secret store, the save dialog and the event sink.
import type { ConnectRequest, ConnectResult, SweeperEmit, SweeperHandlers } from '../../shared/ipc';
import type { DemoOptions } from './demoMailbox';
import { DemoMailbox } from './demoMailbox';
import { JobCoordinator, type EngineTuning } from './jobCoordinator';
import {
  backendConnector,
  type AutodiscoverDeps,
  type ConnectionParams,
  type ConnectionTestDeps,
  type MailboxBackend,
  type SignInEnvironment,
} from '../backends/port';
import { ProfileStore } from './profileStore';
import { SoapTrace } from './soapTrace';
import { readCertificate, settingsFrom, trustRequested } from './connectRequests';
import type { SecretStore } from './secretStore';
import { folderPaths, withFolderPaths } from './folderPaths';
import { restoreFolder } from './restoreFolder';
import { dumpsterHealth } from './dumpsterHealth';
import { withHoldPreview } from './holdPreview';
import { createMultiMailboxService } from './multiMailbox';
import { createMultiMailboxApp } from './multiMailboxApp';
import { NotConnectedError } from './notConnected';
import { connectGraph, graphSettingsFrom, testGraph, type GraphConnector } from './graphConnect';

export interface SweeperServiceOptions {
  /** The app's data folder: profiles.json and jobs/ (journals) live here. */
  dataDir: string;
  secretStore: SecretStore;
  /** Asks where to save a file; undefined when the admin cancels. */
  chooseSavePath(defaultName: string): Promise<string | undefined>;
  emit: SweeperEmit;
  /** Options for the embedded simulator behind openDemo (tests pick a small seed). */
  demo?: DemoOptions;
  /** Job engine tuning (batch sizes, concurrency, progress interval). */
  jobs?: EngineTuning;
  /** How long the sign-in check waits for Exchange (default 30 s). */
  connectTimeoutMs?: number;
  /** Windows single sign-on through Chromium's network stack (the desktop app passes it in). */
  windowsSignIn?: SignInEnvironment['windowsSignIn'];
  /** Tests only: where host names connect, for connect, certificate trust and Autodiscover (e2e: contoso.com → the simulator). */
  connectVia?: SignInEnvironment['connectVia'];
  /** Autodiscover's resolver and address mapping (tests). */
  autodiscover?: Omit<AutodiscoverDeps, 'environment'>;
  /** Test connection's resolver and step timeout (tests). */
  connectionTest?: Omit<ConnectionTestDeps, 'environment'>;
  /** Microsoft Graph sign-in and the Graph backend (the main process lends it; without it Graph profiles cannot connect). */
  graph?: GraphConnector;
}

export interface SweeperService extends SweeperHandlers {
  /** Pauses running jobs (resumable next start), closes connections and the demo simulator. */
  dispose(): Promise<void>;
}

/** Folders renamed or moved since are named anew at most this much later (or at the next tree refresh). */
const FOLDER_PATHS_MAX_AGE_MS = 60_000;
const NO_KEY_STORE_NOTICE =
  'The profile was saved without its password: this computer offers no protected key store (on Linux: no desktop keyring), so the password is never written to disk. You will be asked for it when you connect.';

export function createSweeperService(options: SweeperServiceOptions): SweeperService {
  const profiles = new ProfileStore(options.dataDir, options.secretStore);
  const demo = new DemoMailbox(options.demo);
  // Every open session by its job connection; closed when released (no longer current, no job on it).
  const sessions = new Map<object, MailboxBackend>();
  // The demo's connections: the simulator stops once none is in use (disconnected, or another
  // connection opened and the demo's last job settled), so it is not left listening.
  const demoConnections = new Set<object>();
  const jobs = new JobCoordinator(
    options.dataDir,
    options.emit,
    (connection) => {
      sessions.get(connection)?.close();
      sessions.delete(connection);
      if (demoConnections.delete(connection) && demoConnections.size === 0) void demo.close();
    },
    options.jobs,
  );
  // The last requests and answers of this run, redacted as they are recorded (Help → Trace).
  const trace = new SoapTrace();
  const registerSecrets = (...secrets: Array<string | undefined>): void => {
    for (const secret of secrets) if (secret) trace.addSecret(secret);
  };
  const signInEnvironment: SignInEnvironment = {
    onExchange: (record) => trace.record(record),
    ...(options.windowsSignIn === undefined ? {} : { windowsSignIn: options.windowsSignIn }),
    ...(options.connectVia === undefined ? {} : { connectVia: options.connectVia }),
  };
  // The account's own sign-in (a new object per sign-in), from which the many-mailbox flow opens each mailbox.
  let account: Omit<ConnectionParams, 'impersonate'> | undefined;
  const multi = createMultiMailboxApp({
    emit: options.emit,
    chooseSavePath: (name) => options.chooseSavePath(name),
    account: () => account,
    createService: (connection) =>
      createMultiMailboxService({ dataDir: options.dataDir, environment: signInEnvironment, ...(connection === undefined ? {} : { connection }) }),
  });
  let session: MailboxBackend | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // Folder paths for reports, read once per session and tree refresh rather than per report page.
  let pathsCache: { session: MailboxBackend; at: number; paths: Promise<Map<string, string>> } | undefined;

  function sessionFolderPaths(current: MailboxBackend): Promise<Map<string, string>> {
    if (pathsCache === undefined || pathsCache.session !== current || Date.now() - pathsCache.at > FOLDER_PATHS_MAX_AGE_MS) {
      const paths = folderPaths(current);
      pathsCache = { session: current, at: Date.now(), paths };
      // A failed read is not kept: the next report page tries again.
      paths.catch(() => {
        if (pathsCache?.paths === paths) pathsCache = undefined;
      });
    }
    return pathsCache.paths;
  }

  /** Connects one at a time, so two quick clicks never leave two sessions half-open. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  function requireSession(): MailboxBackend {
    if (session === undefined) throw new NotConnectedError();
    return session;
  }

  async function open(params: ConnectionParams): Promise<ConnectResult> {
    registerSecrets(params.secret, params.proxy?.password);
    // Only EWS is wired to the connect flow today; the backend is picked here, by kind.
    const opened = await backendConnector('ews').open({ ...params, connectTimeoutMs: options.connectTimeoutMs }, signInEnvironment);
    if (!opened.ok) return opened;
    const result = install(opened.session, params.demo);
    const { impersonate: _opened, ...own } = params;
    account = { ...own, connectTimeoutMs: options.connectTimeoutMs };
    return result;
  }

  /** Makes an opened backend the current session, for the views and for new jobs. */
  function install(next: MailboxBackend, demoConnection = false): ConnectResult {
    const connection = {
      actor: next.actor,
      backendFor: next.jobBackend.bind(next),
      assertMailbox: next.assertMailbox.bind(next),
    };
    sessions.set(connection, next);
    // Before jobs.connect, which may release the previous demo connection.
    if (demoConnection) demoConnections.add(connection);
    jobs.connect(connection);
    session = next;
    // The many-mailbox flow opens mailboxes over EWS only: nothing to lend it from a Graph sign-in.
    account = undefined;
    return { ok: true, session: next.info };
  }

  async function connect(request: ConnectRequest): Promise<ConnectResult> {
    if (request.backend === 'graph') {
      const settings = graphSettingsFrom(request);
      return connectGraph(options.graph, settings, (next) => install(next), request.saveAs === undefined ? undefined : { profiles, name: request.saveAs });
    }
    const settings = settingsFrom(request);
    const trusted = await trustRequested(request, settings, options.connectVia);
    if (trusted !== undefined) return { ok: false, error: trusted };
    const result = await open({
      ...settings,
      secret: request.secret,
      ...(request.proxy === undefined ? {} : { proxy: request.proxy }),
      demo: false,
    });
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

  const service: SweeperService = {
    ...multi.handlers,

    // Every handler is async, so a refusal always arrives as a rejected promise, never a throw.
    listProfiles: () => profiles.list(),

    deleteProfile: ({ profileId }) => profiles.remove(profileId),

    connect: (request) => {
      if (request.backend !== 'graph') registerSecrets(request.secret, request.proxy?.password);
      return exclusive(() => connect(request));
    },

    autodiscover: (request) => {
      registerSecrets(request.secret, request.proxy?.password);
      return backendConnector('ews').autodiscover(request, { ...(options.autodiscover ?? {}), environment: signInEnvironment });
    },

    getTrace: async () => trace.entries(),

    clearTrace: async () => trace.clear(),

    testConnection: async (request) => {
      if (request.backend === 'graph') return testGraph(options.graph, request);
      registerSecrets(request.secret, request.proxy?.password);
      const settings = settingsFrom(request);
      const trusted = await trustRequested(request, settings, options.connectVia);
      if (trusted !== undefined)
        return {
          ok: false,
          steps: [{ name: 'TLS certificate', outcome: 'failed', detail: trusted.message, ms: 0 }],
          ...(trusted.certificate === undefined ? {} : { certificate: trusted.certificate }),
        };
      return backendConnector('ews').testConnection(
        {
          ...settings,
          secret: request.secret,
          ...(request.proxy === undefined ? {} : { proxy: request.proxy }),
          demo: false,
          connectTimeoutMs: options.connectTimeoutMs,
        },
        { certificate: readCertificate, ...(options.connectionTest ?? {}), environment: signInEnvironment },
      );
    },

    connectProfile: ({ profileId, secret }) =>
      exclusive(async () => {
        const profile = await profiles.connection(profileId);
        if (profile === undefined) return { ok: false, error: { kind: 'invalid', message: 'This profile no longer exists.' } };
        // A Graph profile signs in silently from the kept sign-in, or in the browser.
        if (profile.graph !== undefined) return connectGraph(options.graph, profile.graph, (next) => install(next));
        const useSecret = secret ?? profile.secret;
        if (useSecret === undefined && profile.authKind !== 'windows') {
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
        return open({ ...settings, ...proxy, secret: useSecret, demo: false });
      }),

    openDemo: () =>
      exclusive(async () => {
        let endpoint: Awaited<ReturnType<DemoMailbox['endpoint']>>;
        try {
          endpoint = await demo.endpoint();
        } catch (error) {
          return {
            ok: false,
            error: { kind: 'server', message: `The demo mailbox could not start: ${error instanceof Error ? error.message : String(error)}` },
          };
        }
        return open({ url: endpoint.url, authKind: 'basic', user: endpoint.user, secret: endpoint.password, demo: true });
      }),

    signOut: () =>
      exclusive(async () => {
        if (options.graph === undefined) return { ok: true };
        try {
          await options.graph.signOut();
        } catch (error) {
          return { ok: false, message: `The kept sign-in could not be removed: ${error instanceof Error ? error.message : String(error)}` };
        }
        // Its tokens are gone: a Graph connection closes with them (a job still running on it can get no new token).
        if (session?.kind === 'graph') {
          session = undefined;
          jobs.disconnect();
        }
        return { ok: true };
      }),

    disconnect: () =>
      exclusive(async () => {
        session = undefined;
        account = undefined;
        jobs.disconnect();
      }),

    listFolders: async ({ part }) => {
      const current = requireSession();
      // The admin refreshed the tree: report paths follow it.
      pathsCache = undefined;
      return current.listFolders(part);
    },

    listItems: async (request) => requireSession().listItems(request),

    getItemDetails: async (request) => requireSession().getItemDetails(request),

    // A purge a hold will refuse is said in the preview, before the job (holdPreview.ts).
    dryRun: async (spec) => {
      const summary = await jobs.dryRun(spec);
      const current = requireSession();
      return withHoldPreview(spec, summary, () =>
        dumpsterHealth(current.dumpsterReader(), { address: current.info.mailbox, hasArchive: current.info.hasArchive }),
      );
    },

    startJob: (spec) => jobs.start(spec),

    pauseJob: async ({ jobId }) => jobs.pause(jobId),

    resumeJob: async ({ jobId }) => jobs.resume(jobId),

    cancelJob: async ({ jobId }) => jobs.cancel(jobId),

    listJobs: () => jobs.list(),

    jobReport: async ({ jobId, outcomes, offset, max }) => {
      const page = await jobs.report(jobId, { outcomes, offset, max });
      // Without a connection there is no tree to name folders from: the ids stay.
      if (session === undefined || page.rows.length === 0) return page;
      return { ...page, rows: withFolderPaths(page.rows, await sessionFolderPaths(session)) };
    },

    retryFailed: ({ jobId }) => jobs.retryFailed(jobId),

    resumeInterrupted: ({ jobId }) => jobs.resumeInterrupted(jobId),

    deleteJob: ({ jobId }) => jobs.deleteJob(jobId),

    exportReport: async ({ jobId, format }) => {
      const path = await options.chooseSavePath(`${jobId}-report.${format}`);
      if (path === undefined) return { saved: false };
      // Folder paths when connected (ids the open mailbox does not have stay unnamed; the ids are always there).
      const paths = session === undefined ? undefined : await sessionFolderPaths(session).catch(() => undefined);
      await jobs.exportReport(jobId, format, path, paths === undefined ? undefined : (id) => paths.get(id));
      return { saved: true, path };
    },

    deleteFolder: async ({ folderId, mode }) => {
      pathsCache = undefined;
      return requireSession().deleteFolder(folderId, mode);
    },

    restoreFolder: async ({ part, folderId, toFolderId }) => {
      const current = requireSession();
      pathsCache = undefined;
      return restoreFolder(current.jobBackend({ part }), { folderId, toFolderId });
    },

    dumpsterHealth: async ({ smtp }) => {
      const current = requireSession();
      current.assertMailbox(smtp === undefined ? { part: 'primary' } : { smtp, part: 'primary' });
      return dumpsterHealth(current.dumpsterReader(), { address: current.info.mailbox, hasArchive: current.info.hasArchive });
    },

    dispose: async () => {
      await multi.dispose();
      await jobs.pauseAll();
      jobs.disconnect();
      session = undefined;
      for (const open of sessions.values()) open.close();
      sessions.clear();
      await demo.close();
    },
  };
  return service;
}
