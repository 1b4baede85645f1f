// Where the command line's connection comes from: the address, user and sign-in kind from flags,
// the environment or a profile the desktop app saved (--profile: profiles.ts); the secret only from the environment (SWEEPER_PASSWORD, SWEEPER_TOKEN) or a
// prompt on the terminal that does not echo it. Never from an argument: it would land in the shell
// history and in every process listing.
import type { AuthKind } from '../../shared/ipc';
import type { ConnectionParams } from '../backends/port';
import { UsageError, type ParsedArgs } from './args';
import { appDataDir, readProfile } from './profiles';

export interface CliEnvironment {
  env: NodeJS.ProcessEnv;
  /** Asks for a secret without echoing it; undefined when there is no terminal to ask on. */
  promptSecret?: (question: string) => Promise<string>;
}

const AUTH_KINDS: readonly AuthKind[] = ['password', 'basic', 'bearer'];

/** Where --profile looks: --data-dir or SWEEPER_DATA_DIR when given, else the desktop app's own data folder. */
export function profilesDir(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  return args.strings.get('data-dir') ?? env.SWEEPER_DATA_DIR ?? appDataDir(env);
}

/** Flags and the environment win over the profile (--profile or SWEEPER_PROFILE), which wins over defaults. */
export async function connectionFrom(args: ParsedArgs, environment: CliEnvironment): Promise<Omit<ConnectionParams, 'impersonate'>> {
  const env = environment.env;
  const profileName = args.strings.get('profile') ?? env.SWEEPER_PROFILE;
  const profile = profileName === undefined ? undefined : await readProfile(profilesDir(args, env), profileName);
  const saved = profile?.params;
  const url = args.strings.get('url') ?? env.SWEEPER_URL ?? saved?.url;
  if (url === undefined || url === '')
    throw new UsageError('Give the EWS address: --url https://mail.example.com/EWS/Exchange.asmx (or SWEEPER_URL), or a saved profile with --profile NAME.');
  const user = args.strings.get('user') ?? env.SWEEPER_USER ?? saved?.user;
  const token = env.SWEEPER_TOKEN;
  const requested = args.strings.get('auth') ?? env.SWEEPER_AUTH;
  const authKind = (requested ?? saved?.authKind ?? (user === undefined && token ? 'bearer' : 'password')) as AuthKind;
  if (!AUTH_KINDS.includes(authKind))
    throw new UsageError(`--auth ${requested ?? ''}: one of ${AUTH_KINDS.join(', ')} (Windows single sign-on needs the desktop app).`);
  let secret = authKind === 'bearer' ? token : env.SWEEPER_PASSWORD;
  if (secret === undefined || secret === '') {
    const what = authKind === 'bearer' ? 'access token' : `password for ${user ?? 'the account'}`;
    const variable = authKind === 'bearer' ? 'SWEEPER_TOKEN' : 'SWEEPER_PASSWORD';
    // The app seals saved secrets with Electron's safeStorage (the OS key store): plain Node cannot open them.
    const sealed =
      profile?.hadSecret === true
        ? ` The profile's saved secret is sealed by the desktop app with the OS key store (Electron's safeStorage), which the command line cannot open.`
        : '';
    if (environment.promptSecret === undefined) throw new UsageError(`No ${what}: set ${variable} in the environment (no terminal to ask on).${sealed}`);
    secret = await environment.promptSecret(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)}: `);
  }
  const domain = args.strings.get('domain') ?? env.SWEEPER_DOMAIN ?? saved?.domain;
  const proxy = saved?.proxy === undefined ? undefined : { ...saved.proxy, ...(env.SWEEPER_PROXY_PASSWORD ? { password: env.SWEEPER_PROXY_PASSWORD } : {}) };
  return {
    url,
    authKind,
    secret,
    demo: false,
    ...(user === undefined ? {} : { user }),
    ...(domain === undefined ? {} : { domain }),
    ...(saved?.schemes === undefined ? {} : { schemes: saved.schemes }),
    ...(saved?.pinned === undefined ? {} : { pinned: saved.pinned }),
    ...(proxy === undefined ? {} : { proxy }),
    ...(args.booleans.has('allow-insecure-http') || saved?.allowInsecureHttp === true ? { allowInsecureHttp: true } : {}),
  };
}

/** Reads a line from the terminal without echoing it (raw mode), for a password or token. */
export function terminalPrompt(): ((question: string) => Promise<string>) | undefined {
  const input = process.stdin;
  if (!input.isTTY) return undefined;
  return (question) =>
    new Promise<string>((resolve, reject) => {
      process.stderr.write(question);
      input.setRawMode(true);
      input.resume();
      let typed = '';
      const finish = (error?: Error): void => {
        input.setRawMode(false);
        input.pause();
        input.off('data', onData);
        process.stderr.write('\n');
        if (error) reject(error);
        else resolve(typed);
      };
      const onData = (chunk: Buffer): void => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return finish();
          if (ch === '\u0003') return finish(new UsageError('Cancelled.'));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      input.on('data', onData);
    });
}
