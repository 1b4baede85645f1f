// HTTP authentication: Basic against the configured users, and Bearer tokens when configured.
import type { IncomingMessage } from 'node:http';
import type { User } from './model';
import type { Store } from './store';

export function authenticate(req: IncomingMessage, store: Store, bearerTokens: ReadonlyMap<string, string>): User | undefined {
  const header = req.headers.authorization ?? '';
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space + 1).trim();
  if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = store.user(decoded.slice(0, colon));
    return user && user.password === decoded.slice(colon + 1) ? user : undefined;
  }
  if (scheme === 'bearer') {
    const smtp = bearerTokens.get(credentials);
    return smtp ? store.user(smtp) : undefined;
  }
  return undefined;
}

export function challenge(bearerEnabled: boolean): string[] {
  return bearerEnabled ? ['Basic realm="127.0.0.1"', 'Bearer'] : ['Basic realm="127.0.0.1"'];
}
