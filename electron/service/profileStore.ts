// Connection profiles, saved as JSON in the data folder. A profile's secret is stored only
// sealed by the SecretStore; when no key store is available the secret is not saved at all.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  AUTH_KINDS,
  DEFAULT_GRAPH_URL,
  GRAPH_SIGN_IN_KINDS,
  PASSWORD_SCHEMES,
  type AuthKind,
  type BackendKind,
  type GraphConnectionSettings,
  type Microsoft365SignIn,
  type PasswordScheme,
  type ProfileList,
  type ProfileSummary,
  type UnreadableEntry,
} from '../../shared/ipc';
import type { PinnedCertificate } from '../backends/port';
import { describeUnreadable, withoutRawUrlCredentials, withoutUrlCredentials } from './profileEntries';
import type { SecretStore } from './secretStore';

/** A Graph profile's settings: names and paths only (tokens live in the sealed sign-in cache). */
const storedGraphSchema = z.object({
  tenantId: z.string(),
  clientId: z.string(),
  authorityUrl: z.string().optional(),
  graphUrl: z.string().optional(),
  signIn: z.enum(GRAPH_SIGN_IN_KINDS),
  certificate: z.object({ certificatePath: z.string(), privateKeyPath: z.string(), thumbprint: z.string().optional() }).optional(),
  mailbox: z.string(),
});

const storedProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  authKind: z.enum(AUTH_KINDS),
  /** Absent in files written before Graph profiles existed: those are EWS. */
  backend: z.enum(['ews', 'graph']).optional(),
  graph: storedGraphSchema.optional(),
  user: z.string().optional(),
  domain: z.string().optional(),
  schemes: z.array(z.enum(PASSWORD_SCHEMES)).optional(),
  impersonate: z.string().optional(),
  /** authKind 'microsoft365': the tenant and app registration (tokens live in the sealed sign-in cache). */
  microsoft365: z.object({ tenantId: z.string(), clientId: z.string(), authorityUrl: z.string().optional() }).optional(),
  /** The server certificate the admin chose to trust (public data: fingerprint and PEM). */
  pinned: z.object({ sha256: z.string(), pem: z.string() }).optional(),
  proxyUrl: z.string().optional(),
  proxyUser: z.string().optional(),
  allowInsecureHttp: z.boolean().optional(),
  /** Output of SecretStore.encrypt; never the secret itself. */
  sealedSecret: z.string().optional(),
  sealedProxyPassword: z.string().optional(),
});
// Each profile is checked on its own, so one damaged entry never costs the admin the others.
const profilesFileSchema = z.object({ version: z.literal(1), profiles: z.array(z.unknown()) });

type StoredProfile = z.infer<typeof storedProfileSchema>;

/** What a profile remembers of a connection besides its name. */
export interface ProfileSettings {
  url: string;
  authKind: AuthKind;
  user?: string;
  domain?: string;
  schemes?: PasswordScheme[];
  impersonate?: string;
  microsoft365?: Microsoft365SignIn;
  pinned?: PinnedCertificate;
  proxyUrl?: string;
  proxyUser?: string;
  allowInsecureHttp?: boolean;
}

export interface ProfileInput extends ProfileSettings {
  name: string;
  /** None for Windows sign-in. */
  secret?: string;
  proxyPassword?: string;
}

export interface SavedProfile {
  profile: ProfileSummary;
  /** False when the secret could not be saved because no OS key store is available. */
  secretSaved: boolean;
}

export interface ProfileConnection extends ProfileSettings {
  /** The opened secret, or undefined when none is stored or it cannot be opened here. */
  secret?: string;
  proxyPassword?: string;
  /** Set for a Graph profile; absent for EWS (every profile saved before Graph profiles existed). */
  backend?: BackendKind;
  /** Set for a Graph profile. */
  graph?: GraphConnectionSettings;
}

export const PROFILES_FILE = 'profiles.json';

export class ProfileStore {
  private readonly file: string;
  /** Serialises read-modify-write cycles so two saves never lose each other's changes. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Entries of the file that are not profiles (damaged by hand or by a tool): never offered, written back as they were. */
  private unreadable: unknown[] = [];
  /** Those entries named for the admin (the profile list says they could not be read). */
  private unreadableNamed: UnreadableEntry[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(dataDir, PROFILES_FILE);
  }

  async list(): Promise<ProfileList> {
    const profiles = await this.read();
    return { profiles: profiles.map(toSummary), unreadable: this.unreadableNamed };
  }

  /** Saves a profile (replacing one of the same name). */
  save(input: ProfileInput): Promise<SavedProfile> {
    return this.exclusive(async () => {
      const profiles = await this.read();
      const existing = profiles.find((profile) => profile.name === input.name);
      const seal = (secret: string | undefined): string | undefined =>
        secret !== undefined && this.secrets.isAvailable() ? this.secrets.encrypt(secret) : undefined;
      const { secret, proxyPassword, ...settings } = input;
      const stored: StoredProfile = {
        ...withoutUrlCredentials(settings),
        id: existing?.id ?? randomUUID(),
        sealedSecret: seal(secret),
        sealedProxyPassword: seal(proxyPassword),
      };
      const next = existing === undefined ? [...profiles, stored] : profiles.map((profile) => (profile.id === stored.id ? stored : profile));
      await this.write(next);
      return { profile: toSummary(stored), secretSaved: secret === undefined || stored.sealedSecret !== undefined };
    });
  }

  /** Saves a Graph profile (replacing one of the same name). It holds no secret: sign-ins stay in the sealed token cache. */
  saveGraph(name: string, graph: GraphConnectionSettings): Promise<ProfileSummary> {
    return this.exclusive(async () => {
      const profiles = await this.read();
      const existing = profiles.find((profile) => profile.name === name);
      const stored: StoredProfile = {
        id: existing?.id ?? randomUUID(),
        name,
        // What the list shows as the address, and the bearer kind Graph signs in with.
        url: graph.graphUrl ?? DEFAULT_GRAPH_URL,
        authKind: 'bearer',
        backend: 'graph',
        graph,
      };
      const next = existing === undefined ? [...profiles, stored] : profiles.map((profile) => (profile.id === stored.id ? stored : profile));
      await this.write(next);
      return toSummary(stored);
    });
  }

  remove(profileId: string): Promise<void> {
    return this.exclusive(async () => {
      const profiles = await this.read();
      const next = profiles.filter((profile) => profile.id !== profileId);
      if (next.length !== profiles.length) await this.write(next);
    });
  }

  /** What a connect with this profile needs; undefined when the profile does not exist. */
  async connection(profileId: string): Promise<ProfileConnection | undefined> {
    const profile = (await this.read()).find((candidate) => candidate.id === profileId);
    if (profile === undefined) return undefined;
    const { id: _id, name: _name, sealedSecret, sealedProxyPassword, backend, graph, ...settings } = profile;
    if (backend === 'graph' && graph !== undefined) return { ...settings, backend, graph: withoutUndefined(graph) };
    return { ...settings, secret: this.open(sealedSecret), proxyPassword: this.open(sealedProxyPassword) };
  }

  private open(sealed: string | undefined): string | undefined {
    if (sealed === undefined || !this.secrets.isAvailable()) return undefined;
    try {
      return this.secrets.decrypt(sealed);
    } catch {
      // Sealed by another user or machine: treat as "no secret stored" and ask again.
      return undefined;
    }
  }

  private async read(): Promise<StoredProfile[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return [];
      throw error;
    }
    const parsed = profilesFileSchema.safeParse(parseJson(text));
    if (!parsed.success) throw new Error(`The profiles file ${this.file} is damaged; move it away to start afresh.`);
    const profiles: StoredProfile[] = [];
    const unreadable: unknown[] = [];
    const named: UnreadableEntry[] = [];
    for (const [index, entry] of parsed.data.profiles.entries()) {
      const profile = storedProfileSchema.safeParse(entry);
      // A file from a version that kept a password typed into the address never hands it on (and loses it at the next write).
      if (profile.success) profiles.push(withoutUrlCredentials(profile.data));
      else {
        unreadable.push(withoutRawUrlCredentials(entry));
        named.push(describeUnreadable(entry, index, PROFILES_FILE, profile.error.issues));
      }
    }
    this.unreadable = unreadable;
    this.unreadableNamed = named;
    return profiles;
  }

  private async write(profiles: StoredProfile[]): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    // Write then rename, so a crash never leaves a half-written profiles file.
    await writeFile(temporary, JSON.stringify({ version: 1, profiles: [...profiles, ...this.unreadable] }, null, 2), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, this.file);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function toSummary(profile: StoredProfile): ProfileSummary {
  const summary: ProfileSummary = {
    id: profile.id,
    name: profile.name,
    url: profile.url,
    authKind: profile.authKind,
    hasSecret: profile.sealedSecret !== undefined,
  };
  if (profile.user !== undefined) summary.user = profile.user;
  if (profile.domain !== undefined) summary.domain = profile.domain;
  if (profile.schemes !== undefined) summary.schemes = profile.schemes;
  if (profile.impersonate !== undefined) summary.impersonate = profile.impersonate;
  if (profile.microsoft365 !== undefined) summary.microsoft365 = microsoft365Of(profile.microsoft365);
  if (profile.pinned !== undefined) summary.pinnedCertificate = profile.pinned.sha256;
  if (profile.proxyUrl !== undefined) summary.proxyUrl = profile.proxyUrl;
  if (profile.proxyUser !== undefined) summary.proxyUser = profile.proxyUser;
  if (profile.allowInsecureHttp !== undefined) summary.allowInsecureHttp = profile.allowInsecureHttp;
  if (profile.backend === 'graph' && profile.graph !== undefined) {
    summary.backend = 'graph';
    summary.graph = withoutUndefined(profile.graph);
  }
  return summary;
}

/** The stored Microsoft 365 sign-in as the contract's type (zod's optional keys may hold undefined). */
function microsoft365Of(stored: NonNullable<StoredProfile['microsoft365']>): Microsoft365SignIn {
  const { authorityUrl, ...required } = stored;
  return { ...required, ...(authorityUrl === undefined ? {} : { authorityUrl }) };
}

/** The stored Graph settings as the contract's type (zod's optional keys may hold undefined). */
function withoutUndefined(graph: z.infer<typeof storedGraphSchema>): GraphConnectionSettings {
  const { authorityUrl, graphUrl, certificate, ...required } = graph;
  return {
    ...required,
    ...(authorityUrl === undefined ? {} : { authorityUrl }),
    ...(graphUrl === undefined ? {} : { graphUrl }),
    ...(certificate === undefined
      ? {}
      : {
          certificate: {
            certificatePath: certificate.certificatePath,
            privateKeyPath: certificate.privateKeyPath,
            ...(certificate.thumbprint === undefined ? {} : { thumbprint: certificate.thumbprint }),
          },
        }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
