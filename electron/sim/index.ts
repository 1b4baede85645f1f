// The embedded Exchange simulator: a real HTTP server answering EWS SOAP at /EWS/Exchange.asmx,
// for the app's demo mailbox and as the peer of every test. See README notes in each module.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedirectServer } from './autodiscover';
import { addGroups, DEMO_GROUPS, type GroupConfig } from './directory';
import type { SimState } from './context';
import { FaultInjector, type FaultOptions, type FaultUpdate } from './faults';
import { createStoreApi, type SimStore } from './inspect';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_USERS, seedBulkFolder, seedDemo } from './seed';
import { createEwsServer } from './server';
import { expectedChannelBindings, fingerprintSha256, generateCertificate } from './tls';
import { Authenticator, DEFAULT_AUTH_SCHEMES, type AuthScheme, type BearerVerifier } from './auth';
import { Store, type UserConfig } from './store';
import { DEFAULT_SWITCHES, type SemanticSwitches } from './switches';
import { EXCHANGE_LIKE_POLICY, NO_THROTTLING, Throttle, type ThrottlePolicy } from './throttle';

export { policyMaxThroughput, EXCHANGE_LIKE_POLICY, NO_THROTTLING, type ThrottlePolicy, type ThroughputLimit } from './throttle';
export { DEMO_ADMIN, DEMO_HELPDESK, DEMO_PASSWORD, DEMO_USERS, BULK_FOLDER_PATH, DEMO_NOW } from './seed';
export { DEFAULT_SWITCHES, type SemanticSwitches } from './switches';
export { AUTH_SCHEMES, DEFAULT_AUTH_SCHEMES, type AuthScheme, type BearerVerifier } from './auth';
export { REQUEST_FAULT_KINDS, NO_FAULTS, type FaultOptions, type FaultUpdate, type RequestFaultKind, type InjectableItemError } from './faults';
export type { SimStore, ItemView, FolderView, Located, ItemTemplate, UserView } from './inspect';
export type { UserConfig } from './store';
export type { RetentionView, RetentionUpdate, RecoverableItemsView } from './retentionApi';
export { DEMO_GROUPS, type GroupConfig } from './directory';
export type { MailboxPart, Sender } from './model';

export interface SimulatorOptions {
  /** Default 0 (any free port). Always bound to 127.0.0.1. */
  port?: number;
  /** Default DEMO_USERS (admin@contoso.com with impersonation and FullAccess to all, alice, bob, carol, helpdesk with FullAccess to alice). */
  users?: readonly UserConfig[];
  /** 'demo' (default) fills the mailboxes; 'empty' leaves only the default folders. */
  seed?: 'demo' | 'empty';
  /** Items in admin's "Inbox/Bulk notifications" (first user's); default 100,000 for 'demo', 0 for 'empty'. */
  bulkItems?: number;
  /** Size factor for the demo's other folders; default 1 (a few thousand items per mailbox). */
  demoScale?: number;
  /** Distribution groups in the directory (ResolveNames, ExpandDL); default DEMO_GROUPS with the default users, else none. */
  groups?: readonly GroupConfig[];
  /** Seed for the demo content and the mailbox GUIDs (default 1). */
  dataSeed?: number;
  /**
   * HTTP authentication schemes enabled (IIS's order on the 401: Negotiate, NTLM, Basic, Bearer).
   * Default basic, ntlm, negotiate, plus bearer when bearerTokens are given.
   */
  auth?: readonly AuthScheme[];
  /** HTTPS with a generated self-signed certificate (true) or the one given. */
  tls?: boolean | { cert: string; key: string };
  /** Extra names for the generated certificate (e.g. mail.contoso.com reached through a host mapping). */
  tlsHostnames?: readonly string[];
  /** Extended Protection: 'required' refuses NTLM without the TLS channel binding (needs tls). */
  epa?: 'off' | 'required';
  /**
   * Also listen on plain HTTP (127.0.0.1, another port) for the Autodiscover redirect method:
   * GET /autodiscover/autodiscover.xml → 302 to the main listener's autodiscover URL. Default false.
   */
  redirectListener?: boolean;
  /** host[:port] the redirect's Location names instead of 127.0.0.1:PORT (e.g. autodiscover.contoso.com:PORT). */
  redirectHost?: string;
  /** OAuth-style bearer tokens: token → user SMTP address. */
  bearerTokens?: Readonly<Record<string, string>>;
  /** Throttling policy changes over EXCHANGE_LIKE_POLICY; `false` switches throttling off. */
  throttling?: Partial<ThrottlePolicy> | false;
  faults?: FaultUpdate;
  switches?: Partial<SemanticSwitches>;
  /** Unexpected errors inside the simulator (answered as ErrorInternalServerError). Default: console.error. */
  onInternalError?: (error: unknown) => void;
  /** Largest request body read, in bytes (default 64 MiB); larger ones get IIS's 404.13 and a closed connection. */
  maxRequestBytes?: number;
  /** Answer only Host: 127.0.0.1 or localhost (HTTP.sys's 400 Invalid Hostname otherwise). The demo mailbox sets it. */
  localHostOnly?: boolean;
}

export interface RunningSimulator {
  /** http(s)://127.0.0.1:PORT/EWS/Exchange.asmx */
  url: string;
  /** With tls: the certificate served, and its SHA-256 fingerprint (AB:CD:…). */
  certificatePem?: string;
  certificateSha256?: string;
  /** POX Autodiscover on the main listener: http(s)://127.0.0.1:PORT/autodiscover/autodiscover.xml */
  autodiscoverUrl: string;
  /** With redirectListener: http://127.0.0.1:RPORT/autodiscover/autodiscover.xml (answers 302). */
  redirectUrl?: string;
  port: number;
  users: readonly UserConfig[];
  store: SimStore;
  /** Merges fault settings (rates, latencies, seed). */
  setFaults(update: FaultUpdate): void;
  faults(): FaultOptions;
  /** Merges throttling settings; `false` switches throttling off, `true` back to the Exchange-like policy. */
  setThrottling(update: Partial<ThrottlePolicy> | boolean): void;
  throttling(): ThrottlePolicy;
  /** Forgets every account's spent budget. */
  resetThrottling(): void;
  setSwitches(update: Partial<SemanticSwitches>): void;
  /**
   * Accepts OAuth tokens of a tenant's authority as Exchange Online's EWS does, and offers Bearer
   * (electron/simGraph sets it when it runs on these mailboxes); undefined stops accepting them.
   * The pasted tokens of `bearerTokens` keep working either way.
   */
  setBearerVerifier(verifier: BearerVerifier | undefined): void;
  /** Stops listening and drops every connection (held "no answer" requests included). */
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const users = options.users ?? DEMO_USERS;
  const dataSeed = options.dataSeed ?? 1;
  const store = new Store(users, dataSeed);
  addGroups(store, options.groups ?? (options.users === undefined ? DEMO_GROUPS : []));
  const seedKind = options.seed ?? 'demo';
  if (seedKind === 'demo') seedDemo(store, { bulkItems: 0, scale: options.demoScale ?? 1, seed: dataSeed });
  const bulkItems = options.bulkItems ?? (seedKind === 'demo' ? 100_000 : 0);
  const firstUser = users[0] ? store.user(users[0].smtp) : undefined;
  if (bulkItems > 0 && firstUser) seedBulkFolder(store, firstUser, bulkItems, dataSeed);

  const policy: ThrottlePolicy = options.throttling === false ? { ...NO_THROTTLING } : { ...EXCHANGE_LIKE_POLICY, ...(options.throttling ?? {}) };
  const sim: SimState = {
    store,
    throttle: new Throttle(policy),
    faults: new FaultInjector(options.faults),
    switches: { ...DEFAULT_SWITCHES, ...(options.switches ?? {}) },
  };
  if (options.epa === 'required' && !options.tls)
    throw new Error('Extended Protection (epa: required) needs tls: channel binding binds to the TLS certificate.');
  const certificate = options.tls === true ? await generateCertificate(options.tlsHostnames ?? []) : options.tls || undefined;
  const bearerTokens = new Map(Object.entries(options.bearerTokens ?? {}));
  const auth = options.auth ?? [...DEFAULT_AUTH_SCHEMES, ...(bearerTokens.size > 0 ? (['bearer'] as const) : [])];
  const requiredChannelBindings = certificate !== undefined && options.epa === 'required' ? expectedChannelBindings(certificate.cert) : undefined;
  // Kept here so a tenant's authority started later (electron/simGraph) can lend it a token verifier.
  const authenticator = new Authenticator(store, auth, bearerTokens, requiredChannelBindings);
  const server = createEwsServer(sim, {
    ...(certificate === undefined ? {} : { tls: certificate }),
    ...(requiredChannelBindings === undefined ? {} : { requiredChannelBindings }),
    bearerTokens,
    auth,
    authenticator,
    onInternalError: options.onInternalError ?? ((error) => console.error('simulator internal error:', error)),
    ...(options.maxRequestBytes === undefined ? {} : { maxRequestBytes: options.maxRequestBytes }),
    ...(options.localHostOnly === undefined ? {} : { localHostOnly: options.localHostOnly }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = certificate === undefined ? 'http' : 'https';
  const storeApi = createStoreApi(store);
  MODELS.set(storeApi, { store, switches: sim.switches });
  const redirect = options.redirectListener
    ? await listenRedirect(() => `${scheme}://${options.redirectHost ?? `127.0.0.1:${port}`}/autodiscover/autodiscover.xml`)
    : undefined;
  return {
    url: `${scheme}://127.0.0.1:${port}/EWS/Exchange.asmx`,
    autodiscoverUrl: `${scheme}://127.0.0.1:${port}/autodiscover/autodiscover.xml`,
    ...(redirect === undefined ? {} : { redirectUrl: `http://127.0.0.1:${(redirect.address() as AddressInfo).port}/autodiscover/autodiscover.xml` }),
    ...(certificate === undefined ? {} : { certificatePem: certificate.cert, certificateSha256: fingerprintSha256(certificate.cert) }),
    port,
    users,
    store: storeApi,
    setFaults: (update) => sim.faults.update(update),
    faults: () => sim.faults.current,
    setThrottling: (update) => {
      if (update === false) sim.throttle.policy = { ...sim.throttle.policy, enabled: false };
      else if (update === true) sim.throttle.policy = { ...EXCHANGE_LIKE_POLICY };
      else sim.throttle.policy = { ...sim.throttle.policy, ...update };
    },
    throttling: () => ({ ...sim.throttle.policy }),
    resetThrottling: () => sim.throttle.reset(),
    setSwitches: (update) => Object.assign(sim.switches, update),
    setBearerVerifier: (verifier) => authenticator.setBearerVerifier(verifier),
    close: async () => {
      await Promise.all([server, ...(redirect ? [redirect] : [])].map(closeServer));
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function listenRedirect(target: () => string): Promise<Server> {
  const redirect = createRedirectServer(target);
  await new Promise<void>((resolve, reject) => {
    redirect.once('error', reject);
    redirect.listen(0, '127.0.0.1', () => resolve());
  });
  return redirect;
}

export const DEMO_CREDENTIALS = { user: DEMO_ADMIN, password: DEMO_PASSWORD } as const;

/** The model behind a running simulator, for a second protocol front (electron/simGraph) on the same mailboxes. */
export interface SimulatorModel {
  store: Store;
  /** The live switches object (setSwitches changes it in place). */
  switches: SemanticSwitches;
}

const MODELS = new WeakMap<SimStore, SimulatorModel>();

export function simulatorModel(sim: Pick<RunningSimulator, 'store'>): SimulatorModel {
  const model = MODELS.get(sim.store);
  if (!model) throw new Error('not a simulator started by startSimulator');
  return model;
}
