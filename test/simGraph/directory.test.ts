// The Graph simulator's directory (/users, /groups, members, transitiveMembers) over the EWS
// simulator's address book, with plain HTTP calls: the answers' shapes, the directory's own error
// codes, the permissions each route needs, paging with $skiptoken, and $search refused in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, ALICE, call } from './helpers';

let sim: RunningGraphSimulator;
let app: string;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false }, throttling: false });
  app = sim.mintAccessToken({ permissions: ['User.Read.All', 'GroupMember.Read.All'] });
});
afterAll(async () => {
  await sim.close();
});

describe('users', () => {
  it('gets a user by address or object id; an unknown one is Request_ResourceNotFound', async () => {
    const alice = await call(sim, `/users/${ALICE}`, { token: app });
    expect(alice.status).toBe(200);
    expect(alice.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', displayName: 'Alice Wilson', mail: ALICE, userPrincipalName: ALICE });
    expect((await call(sim, `/users/${alice.body.id as string}`, { token: app })).body.mail).toBe(ALICE);
    const unknown = await call(sim, '/users/nobody@contoso.com', { token: app });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('filters with startswith and eq joined by or, in parentheses or not', async () => {
    const filter = encodeURIComponent("(startswith(displayName,'b')) or (mail eq 'carol@contoso.com')");
    const found = await call(sim, `/users?$filter=${filter}`, { token: app });
    expect(found.body.value.map((u: { mail: string }) => u.mail)).toEqual(['bob@contoso.com', 'carol@contoso.com']);
    const bad = await call(sim, `/users?$filter=${encodeURIComponent("endswith(mail,'x')")}`, { token: app });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'Request_UnsupportedQuery']);
    const search = await call(sim, `/users?$search=${encodeURIComponent('"displayName:al"')}`, { token: app });
    expect(search.status).toBe(400);
    expect(search.body.error.message).toMatch(/ConsistencyLevel: eventual/);
  });

  it('needs User.Read.All (or a higher permission) except for the signed-in user themself', async () => {
    const mailOnly = sim.mintAccessToken({ permissions: ['Mail.ReadWrite'] });
    const denied = await call(sim, `/users/${ALICE}`, { token: mailOnly });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    const self = sim.mintAccessToken({ user: ALICE, permissions: ['User.Read'] });
    expect((await call(sim, `/users/${ALICE}`, { token: self })).status).toBe(200);
    expect((await call(sim, `/users/${ADMIN}`, { token: self })).status).toBe(403);
  });

  it('pages with $top and a $skiptoken next link', async () => {
    const first = await call(sim, '/users?$top=2&$count=true', { token: app });
    expect(first.body.value).toHaveLength(2);
    expect(first.body['@odata.count']).toBe(5);
    const second = await call(sim, first.body['@odata.nextLink'] as string, { token: app });
    expect(second.body.value).toHaveLength(2);
    expect((await call(sim, '/users?$top=1000', { token: app })).status).toBe(400);
  });
});

describe('groups', () => {
  it('finds a group by mail and lists its direct and transitive members (nested group included, each once)', async () => {
    const groups = await call(sim, `/groups?$filter=${encodeURIComponent("mail eq 'all-staff@contoso.com'")}`, { token: app });
    expect(groups.body.value).toHaveLength(1);
    const id = groups.body.value[0].id as string;
    const direct = await call(sim, `/groups/${id}/members`, { token: app });
    expect(direct.body.value.map((m: { mail: string }) => m.mail)).toEqual(['alice@contoso.com', 'bob@contoso.com', 'sales@contoso.com']);
    const all = await call(sim, `/groups/${id}/transitiveMembers`, { token: app });
    expect(all.body.value.map((m: { '@odata.type': string; mail: string }) => [m['@odata.type'], m.mail])).toEqual([
      ['#microsoft.graph.user', 'alice@contoso.com'],
      ['#microsoft.graph.user', 'bob@contoso.com'],
      ['#microsoft.graph.group', 'sales@contoso.com'],
      ['#microsoft.graph.user', 'carol@contoso.com'],
    ]);
    expect((await call(sim, '/groups/00000000-0000-4000-a000-000000000000/transitiveMembers', { token: app })).body.error.code).toBe(
      'Request_ResourceNotFound',
    );
  });

  it('needs GroupMember.Read.All (or a higher permission)', async () => {
    const usersOnly = sim.mintAccessToken({ permissions: ['User.Read.All'] });
    const denied = await call(sim, '/groups', { token: usersOnly });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
  });
});
