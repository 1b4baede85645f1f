// --backend graph: jobs over many mailboxes over Microsoft Graph from the command line, app-only
// with a certificate (an unattended run has no browser for a delegated sign-in). The tenant,
// client id and the certificate's PEM files come from flags or the environment; the private key
// is read from its file, never from an argument. One sign-in opens every mailbox.
import type { GraphConnectionSettings } from '../../shared/ipc';
import type { GraphSignInOptions } from '../graphSignIn/graphSignIn';
import { openGraphMailboxes } from '../graphSignIn/manyMailboxes';
import type { MailboxSource } from '../service/mailboxSource';
import type { SecretStore } from '../service/secretStore';
import { UsageError, type ParsedArgs } from './args';

export type CliBackend = 'ews' | 'graph';

/** --backend (SWEEPER_BACKEND), default EWS. */
export function backendFrom(args: ParsedArgs, env: NodeJS.ProcessEnv): CliBackend {
  const backend = args.strings.get('backend') ?? env.SWEEPER_BACKEND ?? 'ews';
  if (backend !== 'ews' && backend !== 'graph') throw new UsageError(`--backend ${backend}: ews or graph.`);
  return backend;
}

/** Flags of an EWS connection that mean nothing over Graph: refused, so a mixed command line is not half-read. */
const EWS_ONLY_FLAGS = ['url', 'user', 'auth', 'domain', 'profile', 'allow-insecure-http', 'budget-owner'];

/** App-only keeps no token cache: nothing is sealed, so no key store is needed. */
const NO_SEALING: SecretStore = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('The command line keeps no Graph sign-in.');
  },
  decrypt: () => {
    throw new Error('The command line keeps no Graph sign-in.');
  },
};

function required(args: ParsedArgs, env: NodeJS.ProcessEnv, flag: string, variable: string, what: string): string {
  const value = (args.strings.get(flag) ?? env[variable])?.trim();
  if (value === undefined || value === '') throw new UsageError(`--backend graph needs ${what}: --${flag} (or ${variable}).`);
  return value;
}

/** What the command line lends Microsoft Graph's sign-in: the data folder, no sealing, no browser. */
export function cliGraphSignIn(dataDir: string): GraphSignInOptions {
  return {
    dataDir,
    secrets: NO_SEALING,
    openUrl: () => Promise.reject(new Error('The command line signs in app-only: it opens no browser.')),
  };
}

/** The app-only sign-in's settings from flags and the environment (no mailbox yet); refuses EWS-only flags. */
export function graphSettingsFrom(args: ParsedArgs, env: NodeJS.ProcessEnv): Omit<GraphConnectionSettings, 'mailbox'> {
  const mixed = EWS_ONLY_FLAGS.filter((f) => args.strings.has(f) || args.booleans.has(f));
  if (mixed.length > 0)
    throw new UsageError(
      `${mixed.map((f) => `--${f}`).join(', ')} ${mixed.length === 1 ? 'is' : 'are'} EWS only: over Graph every mailbox has its own limits (Outlook's 4 requests per app per mailbox), so there is no budget owner to choose.`,
    );
  const tenantId = required(args, env, 'tenant', 'SWEEPER_TENANT', 'the tenant id or domain');
  const clientId = required(args, env, 'client-id', 'SWEEPER_CLIENT_ID', "the app registration's client id");
  const certificatePath = required(args, env, 'cert', 'SWEEPER_CERT', "the app's certificate (PEM file)");
  const privateKeyPath = required(args, env, 'key', 'SWEEPER_KEY', "the certificate's private key (PEM file, unencrypted, readable only by you)");
  const authorityUrl = args.strings.get('authority') ?? env.SWEEPER_AUTHORITY;
  const graphUrl = args.strings.get('graph-url') ?? env.SWEEPER_GRAPH_URL;
  return {
    tenantId,
    clientId,
    signIn: 'appOnly',
    certificate: { certificatePath, privateKeyPath },
    ...(authorityUrl === undefined ? {} : { authorityUrl }),
    ...(graphUrl === undefined ? {} : { graphUrl }),
  };
}

/** Signs in app-only once; throws a sentence when the sign-in is refused. */
export async function graphSourceFrom(args: ParsedArgs, env: NodeJS.ProcessEnv, dataDir: string): Promise<{ source: MailboxSource; actor: string }> {
  const settings = graphSettingsFrom(args, env);
  const opened = await openGraphMailboxes(cliGraphSignIn(dataDir), settings);
  if (!opened.ok) throw new Error(`Microsoft Graph sign-in failed: ${opened.error.message}`);
  return { source: opened.source, actor: `app ${settings.clientId}` };
}
