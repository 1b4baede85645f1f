// A minimal OpenID authority for the sign-in tests, over https on 127.0.0.1: authorize answers
// with the form_post page MSAL's loopback expects, the token endpoint checks the PKCE verifier,
// the redirect URI and (for client credentials) the certificate-signed client assertion.
// Test code only; the product's simulator authority lives in electron/simGraph/authority.
import { createHash, createPublicKey, randomBytes, verify, constants } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, startHttpsServer, type TestServer } from '../httpsServer';
import type { OpenIdMetadata } from '../../../electron/graph/auth/authority';
import { HttpsTransport } from '../../../electron/graph/transport';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '0b1f6e3d-7a9c-4a52-8d2e-5c3f4b6a7d81';
export const USER = { oid: '3fa85f64-5717-4562-b3fc-2c963f66afa6', username: 'admin@contoso.com', name: 'Contoso Admin' };

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

interface PendingCode {
  challenge: string;
  redirectUri: string;
  nonce: string;
  scope: string;
}

export interface AuthorityLog {
  authorizeQueries: URLSearchParams[];
  tokenRequests: URLSearchParams[];
}

export class FakeAuthority {
  readonly log: AuthorityLog = { authorizeQueries: [], tokenRequests: [] };
  /** SHA-256 thumbprint (hex) → public certificate PEM, for app-only clients. */
  readonly certificates = new Map<string, string>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshTokens = new Set<string>();
  issuedAccessTokens: string[] = [];
  /** Lifetime of access tokens; under MSAL's 5-minute renewal margin forces a refresh on every silent call. */
  accessTokenSeconds = 3600;

  private constructor(private readonly server: TestServer) {}

  static async start(): Promise<FakeAuthority> {
    // The handler needs the instance, the instance needs the started server.
    const holder: { authority?: FakeAuthority } = {};
    const server = await startHttpsServer((req, res) => {
      void holder.authority?.handle(req, res).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
    holder.authority = new FakeAuthority(server);
    return holder.authority;
  }

  get cert(): string {
    return this.server.cert;
  }

  get authorityUrl(): string {
    return `${this.server.url}/${TENANT}`;
  }

  get metadata(): OpenIdMetadata {
    const base = this.authorityUrl;
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    };
  }

  /** As an admin revoking sessions would: every refresh token stops working. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.server.url);
    if (req.method === 'GET' && url.pathname === `/${TENANT}/oauth2/v2.0/authorize`) return this.authorize(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === `/${TENANT}/oauth2/v2.0/token`) return this.token(new URLSearchParams(await readBody(req)), res);
    res.writeHead(404);
    res.end();
  }

  private authorize(query: URLSearchParams, res: ServerResponse): void {
    this.log.authorizeQueries.push(query);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (
      query.get('client_id') !== CLIENT_ID ||
      query.get('code_challenge_method') !== 'S256' ||
      !query.get('code_challenge') ||
      !/^http:\/\/localhost:\d+$/.test(redirectUri)
    ) {
      res.writeHead(400);
      res.end('bad authorize request');
      return;
    }
    const code = b64url(randomBytes(24));
    this.codes.set(code, { challenge: query.get('code_challenge') ?? '', redirectUri, nonce: query.get('nonce') ?? '', scope: query.get('scope') ?? '' });
    const fields = { code, state: query.get('state') ?? '', client_info: this.clientInfo() };
    const inputs = Object.entries(fields)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<html><body onload="document.forms[0].submit()"><form method="post" action="${redirectUri}/">${inputs}</form></body></html>`);
  }

  private clientInfo(): string {
    return b64url(JSON.stringify({ uid: USER.oid, utid: TENANT }));
  }

  private idToken(nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: CLIENT_ID,
      iss: this.metadata.issuer,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: USER.name,
      ...(nonce ? { nonce } : {}),
      oid: USER.oid,
      preferred_username: USER.username,
      sub: USER.oid,
      tid: TENANT,
      ver: '2.0',
    };
    return `${b64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${b64url(JSON.stringify(claims))}.`;
  }

  private issue(res: ServerResponse, scope: string, user: { nonce: string } | undefined): void {
    const accessToken = b64url(randomBytes(32));
    this.issuedAccessTokens.push(accessToken);
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope,
      expires_in: this.accessTokenSeconds,
      ext_expires_in: this.accessTokenSeconds,
      access_token: accessToken,
    };
    if (user) {
      const refreshToken = b64url(randomBytes(32));
      this.refreshTokens.add(refreshToken);
      Object.assign(body, { refresh_token: refreshToken, id_token: this.idToken(user.nonce), client_info: this.clientInfo() });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private refuse(res: ServerResponse, error: string, description: string, suberror?: string): void {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error, error_description: description, error_codes: [9002313], ...(suberror ? { suberror } : {}) }));
  }

  private token(form: URLSearchParams, res: ServerResponse): void {
    this.log.tokenRequests.push(form);
    if (form.get('client_id') !== CLIENT_ID) return this.refuse(res, 'invalid_client', 'unknown client');
    const scope = (form.get('scope') ?? '')
      .split(' ')
      .filter((s) => !['openid', 'profile', 'offline_access'].includes(s))
      .join(' ');
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const pending = this.codes.get(form.get('code') ?? '');
        if (!pending) return this.refuse(res, 'invalid_grant', 'unknown or used code');
        this.codes.delete(form.get('code') ?? '');
        const challenge = createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url');
        if (challenge !== pending.challenge) return this.refuse(res, 'invalid_grant', 'PKCE verifier does not match');
        if (form.get('redirect_uri') !== pending.redirectUri) return this.refuse(res, 'invalid_grant', 'redirect_uri differs');
        return this.issue(res, scope, { nonce: pending.nonce });
      }
      case 'refresh_token': {
        const token = form.get('refresh_token') ?? '';
        // Entra answers a revoked or expired refresh token with invalid_grant, suberror bad_token.
        if (!this.refreshTokens.delete(token))
          return this.refuse(res, 'invalid_grant', 'AADSTS50173: The provided grant has expired due to it being revoked.', 'bad_token');
        return this.issue(res, scope, { nonce: '' });
      }
      case 'client_credentials':
        if (!this.assertionValid(form)) return this.refuse(res, 'invalid_client', 'client assertion rejected');
        return this.issue(res, form.get('scope') ?? '', undefined);
      default:
        return this.refuse(res, 'unsupported_grant_type', 'grant type');
    }
  }

  /** RFC 7523 client assertion: PS256 over the certificate registered under the x5t#S256 thumbprint. */
  private assertionValid(form: URLSearchParams): boolean {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return false;
    const [head, payload, signature] = (form.get('client_assertion') ?? '').split('.');
    if (!head || !payload || !signature) return false;
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const thumbprint = typeof header['x5t#S256'] === 'string' ? Buffer.from(header['x5t#S256'], 'base64url').toString('hex') : '';
    const cert = this.certificates.get(thumbprint);
    if (!cert || header.alg !== 'PS256') return false;
    const signed = verify(
      'sha256',
      Buffer.from(`${head}.${payload}`),
      { key: createPublicKey(cert), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(signature, 'base64url'),
    );
    const now = Date.now() / 1000;
    return (
      signed &&
      claims.iss === CLIENT_ID &&
      claims.sub === CLIENT_ID &&
      claims.aud === this.metadata.token_endpoint &&
      typeof claims.exp === 'number' &&
      claims.exp > now
    );
  }
}

/**
 * The "system browser" for tests: fetch the authorize page and submit its form_post form to the
 * loopback, as a browser would. MSAL's redirect URI says localhost; its server listens on 127.0.0.1.
 */
export function formPostBrowser(authorityCert: string, opened: string[] = []): (url: string) => Promise<void> {
  return async (url: string) => {
    opened.push(url);
    const transport = new HttpsTransport({ ca: authorityCert });
    const page = await transport.send({ method: 'GET', url: new URL(url), headers: {}, timeoutMs: 5000, maxResponseBytes: 100_000 });
    transport.close();
    if (!page.ok || page.response.status !== 200) throw new Error(`authorize page failed: ${page.ok ? page.response.status : page.failure.message}`);
    const action = /<form method="post" action="([^"]+)">/.exec(page.response.body)?.[1];
    if (!action) throw new Error('no form on the authorize page');
    const form = new URLSearchParams();
    for (const match of page.response.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.append(match[1] ?? '', match[2] ?? '');
    const target = new URL(action);
    target.hostname = '127.0.0.1';
    const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    if (answer.status !== 200) throw new Error(`loopback answered ${answer.status}`);
    await answer.text();
  };
}
