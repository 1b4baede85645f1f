// Module tests of the Graph simulator's pure parts: JWS signing and checks, Graph ids, the OData
// query parser, scopes and redirect URI rules of the authority, the client assertion check, and
// the command line's flags.
import { constants, createHash, createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/sim/store';
import { checkClientAssertion } from '../../electron/simGraph/authority/assertion';
import { DEMO_APP, objectIdOf, qualifyScope, redirectUriRegistered, splitScope } from '../../electron/simGraph/authority/registry';
import { parseScopes } from '../../electron/simGraph/authority/scopes';
import { splitGraphArgs } from '../../electron/simGraph/cliArgs';
import { decodeGraphId, folderGraphId, folderOfId, messageGraphId, messageOfId } from '../../electron/simGraph/ids';
import { decodeJwt, signJwt, verifyJwt } from '../../electron/simGraph/jwt';
import { parseFilterTree } from '../../electron/simGraph/filter';
import { matches, nextLinkQuery, parseCollectionQuery, parseOrderBy, sorter, type Getter } from '../../electron/simGraph/query';

describe('jwt', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('signs RS256 and PS256 that verify with the key and not with another', () => {
    for (const alg of ['RS256', 'PS256'] as const) {
      const token = signJwt({ alg, kid: 'k' }, { sub: 'x', n: 1 }, privateKey);
      const decoded = decodeJwt(token);
      expect(decoded?.header).toEqual({ typ: 'JWT', alg, kid: 'k' });
      expect(decoded?.payload).toEqual({ sub: 'x', n: 1 });
      expect(verifyJwt(decoded!, publicKey)).toBe(true);
      expect(verifyJwt(decoded!, other.publicKey)).toBe(false);
    }
  });

  it('verifies a PS256 signature made independently with PSS salt 32', () => {
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${b64({ alg: 'PS256' })}.${b64({ a: 1 })}`;
    const sig = createSign('SHA256').update(input).sign({ key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    expect(verifyJwt(decodeJwt(`${input}.${sig.toString('base64url')}`)!, publicKey)).toBe(true);
  });

  it('refuses what is not a compact JWS, and alg none', () => {
    expect(decodeJwt('a.b')).toBeUndefined();
    expect(decodeJwt('a.b.c.d')).toBeUndefined();
    expect(decodeJwt('e30.bm90IGpzb24.')).toBeUndefined();
    const none = decodeJwt(`${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`);
    expect(none && verifyJwt(none, publicKey)).toBe(false);
  });
});

describe('Graph ids', () => {
  const store = new Store([
    { smtp: 'a@contoso.com', name: 'A', password: 'p' },
    { smtp: 'b@contoso.com', name: 'B', password: 'p' },
  ]);
  const a = store.user('a@contoso.com')!;
  const b = store.user('b@contoso.com')!;
  const inbox = store.distinguished(a.primary, 'inbox')!;

  it('round-trips folders and messages, and differs from the EWS ids', () => {
    const id = folderGraphId(inbox);
    expect(id).not.toBe(store.folderId(inbox));
    expect(folderOfId(store, a.primary, decodeGraphId(id)!)).toBe(inbox);
    const item = store.addItem(inbox, { subject: 's' });
    const mid = messageGraphId(item);
    expect(mid).not.toBe(store.itemId(item));
    expect(messageOfId(store, a.primary, decodeGraphId(mid)!)).toBe(item);
    expect(decodeGraphId(mid)?.kind).toBe('message');
  });

  it('does not resolve in another mailbox, as the other kind, after a move, or when malformed', () => {
    const item = store.addItem(inbox, { subject: 'm' });
    const mid = messageGraphId(item);
    expect(messageOfId(store, b.primary, decodeGraphId(mid)!)).toBeUndefined();
    expect(folderOfId(store, a.primary, decodeGraphId(mid)!)).toBeUndefined();
    store.moveItem(item, store.distinguished(a.primary, 'drafts')!, { keepChangeKey: false });
    expect(messageOfId(store, a.primary, decodeGraphId(mid)!)).toBeUndefined();
    for (const bad of ['', 'AAMk+/=', 'R0YAAAA', Buffer.alloc(22).toString('base64url')]) expect(decodeGraphId(bad)).toBeUndefined();
  });
});

describe('OData query', () => {
  type Row = { n: number; s: string; b: boolean };
  const getters: Record<string, Getter<Row>> = { n: (r) => r.n, s: (r) => r.s, b: (r) => r.b };
  const props = new Set(Object.keys(getters));

  const rules = { properties: props, textProperties: new Set(['s']), textFunctions: true };
  const access = { getters, extended: () => undefined };
  const parseFilter = (text: string) => parseFilterTree(text, rules);

  it('parses comparisons joined by and, with quoted strings, dates and booleans', () => {
    expect(parseFilter("s eq 'it''s and more' and b eq true")).toEqual({
      kind: 'and',
      left: { kind: 'compare', property: 's', op: 'eq', literal: "it's and more" },
      right: { kind: 'compare', property: 'b', op: 'eq', literal: true },
    });
    expect(parseFilter('n ge 2025-01-01T00:00:00Z')).toMatchObject({ literal: Date.UTC(2025, 0, 1) / 1000 });
    expect(() => parseFilter('x eq 1')).toThrow(/invalid nodes/);
    expect(() => parseFilter('n between 1')).toThrow();
  });

  it('filters and sorts', () => {
    const rows: Row[] = [
      { n: 3, s: 'b', b: true },
      { n: 1, s: 'A', b: false },
      { n: 2, s: 'a', b: true },
    ];
    expect(rows.filter((r) => matches(r, parseFilter('b eq true and n lt 3'), access))).toEqual([rows[2]]);
    expect(rows.filter((r) => matches(r, parseFilter("s eq 'a'"), access)).map((r) => r.n)).toEqual([1, 2]);
    expect([...rows].sort(sorter(parseOrderBy('s asc,n desc', props), getters)).map((r) => r.n)).toEqual([2, 1, 3]);
  });

  it('applies Graph’s $filter/$orderby rule and checks $select, $top, $count and $expand', () => {
    const q = (text: string) => parseCollectionQuery(new URLSearchParams(text), rules, new Set(['id', 's']));
    expect(q('$filter=n gt 1&$orderby=n desc').orderBy).toEqual([{ property: 'n', descending: true }]);
    expect(() => q('$filter=b eq true and n gt 1&$orderby=n')).toThrow(/too complex/);
    expect(() => q('$select=zzz')).toThrow(/Could not find a property named 'zzz'/);
    expect(() => q('$top=-1')).toThrow();
    expect(() => q('$count=yes')).toThrow();
    expect(q("$expand=singleValueExtendedProperties($filter=id eq 'Binary 0x348A' or id eq 'Binary 0x65E0')").extendedProperties).toEqual([
      'Binary 0x348A',
      'Binary 0x65E0',
    ]);
    expect(() => q('$expand=attachments')).toThrow();
    expect(nextLinkQuery(new URLSearchParams('$top=5&$select=s'), 10, 5)).toBe('$top=5&$select=s&$skip=10');
  });
});

describe('authority rules', () => {
  it('matches loopback redirect URIs on any port (same host and path) and others exactly', () => {
    expect(redirectUriRegistered(DEMO_APP, 'http://localhost:1234/')).toBe(true);
    expect(redirectUriRegistered(DEMO_APP, 'http://127.0.0.1:80/')).toBe(true);
    expect(redirectUriRegistered(DEMO_APP, 'http://localhost:1234/other')).toBe(false);
    expect(redirectUriRegistered(DEMO_APP, 'https://localhost:1234/')).toBe(false);
    expect(redirectUriRegistered(DEMO_APP, 'not a url')).toBe(false);
  });

  it('qualifies bare scopes as Graph’s and knows only its resources', () => {
    expect(qualifyScope('Mail.ReadWrite')).toBe('https://graph.microsoft.com/Mail.ReadWrite');
    expect(qualifyScope('offline_access')).toBe('offline_access');
    expect(splitScope('https://outlook.office365.com/EWS.AccessAsUser.All')).toEqual({
      resource: 'https://outlook.office365.com',
      permission: 'EWS.AccessAsUser.All',
    });
    expect(splitScope('api://other/x')).toBeUndefined();
  });

  it('grants consented delegated scopes, expands .default, refuses the rest; app flows need /.default', () => {
    expect(parseScopes(DEMO_APP, 'Mail.ReadWrite openid', 'delegated')).toEqual({
      ok: { resource: 'https://graph.microsoft.com', permissions: ['Mail.ReadWrite'], oidc: ['openid'], missing: [] },
    });
    // The authorize step lists what is not consented yet, for its consent page.
    expect(parseScopes(DEMO_APP, 'Mail.ReadWrite User.ReadBasic.All', 'delegated', { collectMissing: true })).toMatchObject({
      ok: { permissions: ['Mail.ReadWrite', 'User.ReadBasic.All'], missing: ['https://graph.microsoft.com/User.ReadBasic.All'] },
    });
    const all = parseScopes(DEMO_APP, 'https://graph.microsoft.com/.default', 'delegated');
    expect('ok' in all && all.ok.permissions).toEqual(['Mail.ReadWrite', 'Mail.ReadWrite.Shared', 'User.Read']);
    expect(parseScopes(DEMO_APP, 'Calendars.Read', 'delegated')).toMatchObject({ error: { error_codes: [65001] } });
    expect(parseScopes(DEMO_APP, '', 'delegated')).toMatchObject({ error: { error_codes: [900144] } });
    expect(parseScopes(DEMO_APP, 'https://graph.microsoft.com/.default', 'app')).toEqual({
      ok: { resource: 'https://graph.microsoft.com', permissions: ['Mail.ReadWrite', 'User.Read.All', 'GroupMember.Read.All'], oidc: [], missing: [] },
    });
    expect(parseScopes(DEMO_APP, 'Mail.ReadWrite', 'app')).toMatchObject({ error: { error_codes: [1002012] } });
  });

  it('gives each user a stable GUID-shaped object id', () => {
    expect(objectIdOf({ smtp: 'A@contoso.com' })).toBe(objectIdOf({ smtp: 'a@contoso.com' }));
    expect(objectIdOf({ smtp: 'a@contoso.com' })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a malformed client assertion and an app without certificates', () => {
    expect(checkClientAssertion(DEMO_APP, 'nope', ['x'])).toMatchObject({ error: 'invalid_client', error_codes: [50027] });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const header = { alg: 'RS256', x5t: createHash('sha1').update('x').digest('base64url') };
    const token = signJwt(header as { alg: 'RS256' }, { iss: DEMO_APP.clientId }, privateKey);
    expect(checkClientAssertion(DEMO_APP, token, ['x'])).toMatchObject({ error_codes: [700027] });
  });
});

describe('command line flags', () => {
  it('takes the Graph flags and leaves the EWS ones', () => {
    expect(
      splitGraphArgs([
        '--seed',
        'empty',
        '--graph-port',
        '4444',
        '--graph-tls',
        '--no-graph-throttle',
        '--graph-latency-ms',
        '20',
        '--auto-approve',
        'alice@contoso.com',
        '--items',
        '10',
      ]),
    ).toEqual({
      graph: { port: 4444, tls: true, throttling: false, latencyMs: 20, autoApprove: 'alice@contoso.com' },
      ews: ['--seed', 'empty', '--items', '10'],
    });
    expect(() => splitGraphArgs(['--graph-port', 'x'])).toThrow(/number/);
    expect(() => splitGraphArgs(['--auto-approve'])).toThrow(/user/);
  });
});
