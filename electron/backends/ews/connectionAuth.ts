// The sign-in a connection uses, built from its parameters: Basic, a password with the scheme
// chosen from the server's offer (Negotiate/NTLM), a bearer token (pasted, or from the Microsoft
// 365 sign-in, refreshed before it expires), or Windows single sign-on
// through a transport the desktop app supplies (Chromium's network stack; not available in
// plain Node, where the service runs in tests and the CLI).
import type { ConnectError } from '../../../shared/ipc';
import { BasicAuth, BearerAuth, PasswordAuth, type EwsAuth, type EwsTransport } from '../../ews';
import { DEFAULT_PASSWORD_SCHEMES } from '../../../shared/ipc';
import type { ConnectionParams } from '../connectionParams';
import type { SignInEnvironment } from '../port';

// What the app and tests lend a sign-in is the port's (windowsSignIn, the trace tap, connectVia).
export type { SignInEnvironment } from '../port';

export type SignIn = { ok: true; auth: EwsAuth; transport?: EwsTransport; describe(): string } | { ok: false; error: ConnectError };

/** The transport signs in by itself (Windows sign-in): no header of ours. */
const NO_HEADERS: EwsAuth = { authorize: () => Promise.resolve({}) };

export function connectionAuth(params: ConnectionParams, environment: SignInEnvironment): SignIn {
  switch (params.authKind) {
    case 'basic':
      return { ok: true, auth: new BasicAuth(params.user ?? '', params.secret ?? ''), describe: () => 'Basic' };
    case 'bearer':
      return { ok: true, auth: new BearerAuth(params.secret ?? ''), describe: () => 'Bearer' };
    case 'microsoft365':
      // The token comes from the Microsoft 365 sign-in the service ran first (electron/service/ewsSignIn.ts).
      if (params.token === undefined) {
        return { ok: false, error: { kind: 'unavailable', message: 'Microsoft 365 sign-in is not available here: sign in from the connect form of the app.' } };
      }
      return { ok: true, auth: new BearerAuth(params.token), describe: () => 'Microsoft 365 sign-in' };
    case 'windows': {
      if (environment.windowsSignIn === undefined) {
        return {
          ok: false,
          error: {
            kind: 'unavailable',
            message: 'Windows sign-in works in the desktop app on a computer signed in to the domain. Here, sign in with a user name and password.',
          },
        };
      }
      return { ok: true, auth: NO_HEADERS, transport: environment.windowsSignIn(params.url, environment.onExchange), describe: () => 'Windows sign-in' };
    }
    case 'password': {
      const auth = new PasswordAuth({
        user: params.user ?? '',
        password: params.secret ?? '',
        ...(params.domain === undefined ? {} : { domain: params.domain }),
        schemes: params.schemes ?? DEFAULT_PASSWORD_SCHEMES,
      });
      const names = { negotiate: 'Negotiate', ntlm: 'NTLM', basic: 'Basic' } as const;
      return { ok: true, auth, describe: () => (auth.scheme === undefined ? 'no sign-in (the server did not ask)' : names[auth.scheme]) };
    }
  }
}
