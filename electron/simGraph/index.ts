// The Microsoft Graph simulator: Graph's mail resources and a minimal OpenID authority on one
// listener (127.0.0.1), over the SAME mailbox model as the EWS simulator, so one demo mailbox
// answers both protocols. A separate start function (not an option of startSimulator) because the
// EWS simulator must not depend on this front: it is started first, or started here. See README.md.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ADMIN, simulatorModel, startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim';
import { generateCertificate } from '../sim/tls';
import { issueAccessToken, generateSigningKey, type Grant } from './authority/issuer';
import { instanceDiscovery, openIdConfiguration } from './authority/metadata';
import { DEMO_APP, DEMO_TENANT_ID, GRAPH_RESOURCE, type AppRegistration } from './authority/registry';
import { consentKey, issuerOf, type AuthorityState } from './authority/state';
import type { JsonObject } from './jwt';
import { exchangeTokenVerifier } from './exchangeAccess';
import { createGraphServer } from './server';
import { DEFAULT_GRAPH_SWITCHES, type GraphSwitches } from './switches';
import { GraphThrottle, OUTLOOK_POLICY, type GraphThrottlePolicy } from './throttle';
import type { FrontState } from './front';

export {
  DEMO_APP,
  DEMO_CLIENT_ID,
  DEMO_TENANT_ID,
  EXCHANGE_RESOURCE,
  GRAPH_RESOURCE,
  GRAPH_APP_ID,
  objectIdOf,
  type AppRegistration,
} from './authority/registry';
export { OUTLOOK_POLICY, outlookMaxThroughput, type GraphThrottlePolicy, type OutlookThroughput } from './throttle';
export { DEFAULT_GRAPH_SWITCHES, type GraphSwitches } from './switches';
export { MAX_BATCH_REQUESTS } from './batch';
export { MAX_MESSAGE_PAGE } from './resources';

export interface GraphSimulatorOptions {
  /** A running EWS simulator whose mailboxes this front serves; without it one is started with `simulatorOptions`. */
  simulator?: RunningSimulator;
  simulatorOptions?: SimulatorOptions;
  /** Default 0 (any free port), always 127.0.0.1. */
  port?: number;
  /** HTTPS (MSAL accepts only https authorities): true for a generated self-signed certificate, or the one given. */
  tls?: boolean | { cert: string; key: string };
  tenantId?: string;
  /** Registered applications; default DEMO_APP. */
  apps?: readonly AppRegistration[];
  /** Sign this user in at /authorize without the sign-in page (tests with an HTTP client). */
  autoApprove?: string;
  /** With autoApprove, the consent page's answer when unconsented delegated permissions are asked (default accept). */
  autoConsent?: 'accept' | 'decline';
  /** Users who may consent to admin-only delegated permissions (default the demo's admin@contoso.com). */
  tenantAdmins?: readonly string[];
  accessTokenLifetimeSeconds?: number;
  /** Outlook limits over OUTLOOK_POLICY; false switches throttling off. */
  throttling?: Partial<GraphThrottlePolicy> | false;
  /** Added to every mailbox request while it holds a concurrency slot. */
  latencyMs?: number;
  switches?: Partial<GraphSwitches>;
  onInternalError?: (error: unknown) => void;
}

export interface MintOptions {
  /** Delegated token for this user (default: an app-only token). */
  user?: string;
  clientId?: string;
  /** scp for delegated, roles for app-only. Default Mail.ReadWrite. */
  permissions?: readonly string[];
  audience?: string;
  /** Overrides the issuer (tests: a token from another tenant's authority). */
  issuer?: string;
  lifetimeSeconds?: number;
  /** Issue time, epoch seconds (in the past for an expired token). */
  now?: number;
}

export interface RunningGraphSimulator {
  /** scheme://127.0.0.1:PORT */
  url: string;
  /** Graph's service root: url + /v1.0 */
  graphUrl: string;
  /** The authority MSAL is given: url + /{tenantId} */
  authority: string;
  tenantId: string;
  port: number;
  certificatePem?: string;
  /** The EWS simulator on the same mailboxes (started here unless given). */
  ews: RunningSimulator;
  /** The documents MSAL takes as authorityMetadata / cloudDiscoveryMetadata for a known authority. */
  openIdConfiguration(): JsonObject;
  instanceDiscovery(): JsonObject;
  /** A token signed by the authority without a flow (tests of expiry, audience, scopes). */
  mintAccessToken(options?: MintOptions): string;
  registerApp(app: AppRegistration): void;
  setAutoApprove(user: string | undefined): void;
  setAutoConsent(answer: 'accept' | 'decline'): void;
  /** The delegated permissions (qualified) a user consented to for themselves with this app. */
  userConsents(clientId: string, user: string): string[];
  setThrottling(update: Partial<GraphThrottlePolicy> | boolean): void;
  resetThrottling(): void;
  setLatency(ms: number): void;
  setSwitches(update: Partial<GraphSwitches>): void;
  /** The next `count` mailbox requests (a $batch's sub-requests one by one) answer 503 with Retry-After. */
  failNext(count: number, retryAfterSeconds?: number): void;
  /** Closes this listener, and the EWS simulator when it was started here. */
  close(): Promise<void>;
}

export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<RunningGraphSimulator> {
  const ews = options.simulator ?? (await startSimulator(options.simulatorOptions ?? {}));
  const model = simulatorModel(ews);
  const tenantId = (options.tenantId ?? DEMO_TENANT_ID).toLowerCase();
  const domains = [...new Set([...model.store.users.values()].map((u) => u.smtp.slice(u.smtp.indexOf('@') + 1).toLowerCase()))];
  const authority: AuthorityState = {
    tenantId,
    tenantAliases: [...domains, 'organizations', 'common'],
    key: generateSigningKey(),
    apps: new Map((options.apps ?? [DEMO_APP]).map((a) => [a.clientId, a])),
    store: model.store,
    codes: new Map(),
    refreshTokens: new Map(),
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    autoApprove: options.autoApprove,
    autoConsent: options.autoConsent ?? 'accept',
    tenantAdmins: new Set((options.tenantAdmins ?? [DEMO_ADMIN]).map((u) => u.toLowerCase())),
    userConsents: new Map(),
    consents: new Map(),
    base: '',
  };
  const policy: GraphThrottlePolicy =
    options.throttling === false ? { ...OUTLOOK_POLICY, enabled: false } : { ...OUTLOOK_POLICY, ...(options.throttling ?? {}) };
  const front: FrontState = {
    store: model.store,
    storeSwitches: model.switches,
    switches: { ...DEFAULT_GRAPH_SWITCHES, ...(options.switches ?? {}) },
    throttle: new GraphThrottle(policy),
    latencyMs: options.latencyMs ?? 0,
    serviceRoot: '',
    onInternalError: options.onInternalError ?? ((error) => console.error('graph simulator internal error:', error)),
    unavailable: { remaining: 0, retryAfterSeconds: 0 },
  };
  const certificate = options.tls === true ? await generateCertificate([]) : options.tls || undefined;
  const server = createGraphServer(front, authority, certificate);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`;
  authority.base = url;
  front.serviceRoot = `${url}/v1.0`;
  // EWS on the same mailboxes stands for Exchange Online's: it accepts this tenant's EWS tokens.
  ews.setBearerVerifier(exchangeTokenVerifier(authority, model.store));
  return {
    url,
    graphUrl: front.serviceRoot,
    authority: `${url}/${tenantId}`,
    tenantId,
    port,
    ...(certificate ? { certificatePem: certificate.cert } : {}),
    ews,
    openIdConfiguration: () => openIdConfiguration(authority, tenantId),
    instanceDiscovery: () => instanceDiscovery(authority),
    mintAccessToken: (mint = {}) => {
      const clientId = mint.clientId ?? DEMO_APP.clientId;
      const permissions = mint.permissions ?? ['Mail.ReadWrite'];
      const user = mint.user === undefined ? undefined : model.store.user(mint.user);
      if (mint.user !== undefined && !user) throw new Error(`no user ${mint.user}`);
      const grant: Grant = user
        ? { kind: 'delegated', user, clientId, resource: GRAPH_RESOURCE, permissions }
        : { kind: 'app', clientId, resource: GRAPH_RESOURCE, roles: permissions };
      return issueAccessToken(grant, {
        issuer: mint.issuer ?? issuerOf(authority),
        tenantId,
        key: authority.key,
        lifetimeSeconds: mint.lifetimeSeconds ?? authority.accessTokenLifetimeSeconds,
        ...(mint.now === undefined ? {} : { now: mint.now }),
        ...(mint.audience === undefined ? {} : { audience: mint.audience }),
      }).token;
    },
    registerApp: (app) => void authority.apps.set(app.clientId, app),
    setAutoApprove: (user) => {
      authority.autoApprove = user;
    },
    setAutoConsent: (answer) => {
      authority.autoConsent = answer;
    },
    userConsents: (clientId, user) => [...(authority.userConsents.get(consentKey(clientId, { smtp: user })) ?? [])],
    setThrottling: (update) => {
      if (update === false) front.throttle.policy = { ...front.throttle.policy, enabled: false };
      else if (update === true) front.throttle.policy = { ...OUTLOOK_POLICY };
      else front.throttle.policy = { ...front.throttle.policy, ...update };
    },
    resetThrottling: () => front.throttle.reset(),
    setLatency: (ms) => {
      front.latencyMs = ms;
    },
    setSwitches: (update) => void Object.assign(front.switches, update),
    failNext: (count, retryAfterSeconds = 2) => {
      front.unavailable = { remaining: count, retryAfterSeconds };
    },
    close: async () => {
      await closeServer(server);
      if (!options.simulator) await ews.close();
      else ews.setBearerVerifier(undefined);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
