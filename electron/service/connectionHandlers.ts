// Profiles, connect (a request, a saved profile, the demo mailbox), Autodiscover, Test connection,
// the trace, Sign out and disconnect. Connects run one at a time, so two quick clicks never leave
// two sessions half-open; every secret typed is registered with the trace before anything is sent.
// Cancel (cancelSignIn) ends a Graph browser sign-in and any connect or Test connection under way
// or queued (connectAttempts.ts).
import type { SweeperHandlers } from '../../shared/ipc';
import { backendConnector, registeredBackend, type SignInEnvironment } from '../backends/port';
import { readCertificate, settingsFrom, trustRequested } from './connectRequests';
import { ConnectAttempts } from './connectAttempts';
import type { ConnectFlow } from './connectFlow';
import type { CurrentSession } from './currentSession';
import { cancelGraphSignIn, testGraph } from './graphConnect';
import { MICROSOFT365_SIGNED_IN_WITH, withMicrosoft365Token } from './ewsSignIn';
import type { JobCoordinator } from './jobCoordinator';
import type { ProfileStore } from './profileStore';
import type { SweeperServiceOptions } from './serviceOptions';
import type { SoapTrace } from './soapTrace';

export type ConnectionHandlers = Pick<
  SweeperHandlers,
  | 'listProfiles'
  | 'deleteProfile'
  | 'connect'
  | 'autodiscover'
  | 'getTrace'
  | 'clearTrace'
  | 'testConnection'
  | 'connectProfile'
  | 'openDemo'
  | 'signOut'
  | 'cancelSignIn'
  | 'disconnect'
>;

export interface ConnectionHandlerParts {
  options: SweeperServiceOptions;
  profiles: ProfileStore;
  jobs: JobCoordinator;
  current: CurrentSession;
  trace: SoapTrace;
  environment: SignInEnvironment;
  flow: ConnectFlow;
  registerSecrets(...secrets: Array<string | undefined>): void;
}

export function createConnectionHandlers(parts: ConnectionHandlerParts): ConnectionHandlers {
  const { options, profiles, jobs, current, trace, environment, flow, registerSecrets } = parts;
  let queue: Promise<unknown> = Promise.resolve();
  // Registered before the queue, so Cancel also reaches a connect still waiting its turn.
  const attempts = new ConnectAttempts();

  /** Connects one at a time, so two quick clicks never leave two sessions half-open. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    // Every handler is async, so a refusal always arrives as a rejected promise, never a throw.
    listProfiles: () => profiles.list(),

    deleteProfile: ({ profileId }) => profiles.remove(profileId),

    connect: (request) => {
      if (request.backend !== 'graph') registerSecrets(request.secret, request.proxy?.password);
      return attempts.run((attempt) => exclusive(() => flow.connect(request, attempt)));
    },

    autodiscover: (request) => {
      registerSecrets(request.secret, request.proxy?.password);
      return backendConnector('ews').autodiscover(request, { ...(options.autodiscover ?? {}), environment });
    },

    getTrace: async () => trace.entries(),

    clearTrace: async () => trace.clear(),

    testConnection: async (request) => {
      if (request.backend === 'graph') return testGraph(registeredBackend('graph'), request);
      registerSecrets(request.secret, request.proxy?.password);
      const settings = settingsFrom(request);
      return attempts.run(async ({ signal }) => {
        const trusted = await trustRequested(request, settings, options.connectVia, signal);
        if (trusted !== undefined)
          return {
            ok: false,
            steps: [{ name: 'TLS certificate', outcome: 'failed', detail: trusted.message, ms: 0 }],
            ...(trusted.certificate === undefined ? {} : { certificate: trusted.certificate }),
          };
        // Microsoft 365 sign-in first (it may open the browser); the steps then test EWS with its token.
        const signedIn = await withMicrosoft365Token(
          {
            ...settings,
            secret: request.secret,
            ...(request.proxy === undefined ? {} : { proxy: request.proxy }),
            demo: false,
            connectTimeoutMs: options.connectTimeoutMs,
          },
          registeredBackend('graph'),
        );
        if (!signedIn.ok) return { ok: false, steps: [{ name: 'Microsoft 365 sign-in', outcome: 'failed', detail: signedIn.error.message, ms: 0 }] };
        return backendConnector('ews').testConnection(signedIn.params, {
          certificate: readCertificate,
          ...(options.connectionTest ?? {}),
          environment,
          signal,
        });
      });
    },

    connectProfile: ({ profileId, secret }) => attempts.run((attempt) => exclusive(() => flow.connectProfile(profileId, secret, attempt))),

    openDemo: () => attempts.run((attempt) => exclusive(() => flow.openDemo(attempt))),

    signOut: () =>
      exclusive(async () => {
        const graph = registeredBackend('graph');
        if (graph === undefined) return { ok: true };
        try {
          await graph.signOut();
        } catch (error) {
          return { ok: false, message: `The kept sign-in could not be removed: ${error instanceof Error ? error.message : String(error)}` };
        }
        // Its tokens are gone: a Graph connection, or EWS signed in through Microsoft 365, closes with them (a job still running on it can get no new token).
        if (current.backend?.kind === 'graph' || current.backend?.info.signedInWith === MICROSOFT365_SIGNED_IN_WITH) {
          current.backend = undefined;
          jobs.disconnect();
          // And the many-mailbox flow's: it would only be refused a silent sign-in.
          flow.account = undefined;
        }
        return { ok: true };
      }),

    // Not `exclusive`: it must reach the connect it cancels, which holds the queue. Both kinds are
    // cancelled (no short-circuit): a Microsoft 365 EWS connect may be in its browser step or past it.
    cancelSignIn: async () => {
      const graph = cancelGraphSignIn(registeredBackend('graph')).cancelled;
      const ews = attempts.cancel();
      return { cancelled: graph || ews };
    },

    disconnect: () =>
      exclusive(async () => {
        current.backend = undefined;
        flow.account = undefined;
        jobs.disconnect();
      }),
  };
}
