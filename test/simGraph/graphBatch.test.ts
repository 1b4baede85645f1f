// JSON batching: at most 20 requests, answers matched by id (in an order of their own), dependsOn
// (sequencing, 424 after a failed dependency), per-request status/headers/body, and throttling of
// each sub-request on its own (a 429 inside a 200 batch answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningGraphSimulator } from '../../electron/simGraph';
import { ADMIN, call } from './helpers';

let sim: RunningGraphSimulator;
let token: string;

beforeAll(async () => {
  sim = await startGraphSimulator({ simulatorOptions: { seed: 'empty', throttling: false } });
  token = sim.mintAccessToken({ user: ADMIN });
});
afterAll(() => sim.close());

async function seed(count: number, prefix: string): Promise<string[]> {
  const inbox = sim.ews.store.folderByDistinguished(ADMIN, 'inbox');
  sim.ews.store.seedItems(inbox?.id ?? '', count, { subject: (i) => `${prefix} ${i}` });
  const page = await call(sim, `/me/mailFolders/inbox/messages?$top=1000&$select=subject`, { token });
  return page.body.value.filter((m: { subject: string }) => m.subject.startsWith(`${prefix} `)).map((m: { id: string }) => m.id);
}

interface Sub {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { id?: string; parentFolderId?: string; error?: { code: string } };
}

describe('Graph $batch', () => {
  it('runs 20 moves, one answer per request id with status, headers and body', async () => {
    const ids = await seed(20, 'batch move');
    const requests = ids.map((id, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: `/me/messages/${id}/move`,
      body: { destinationId: 'deleteditems' },
      headers: { 'Content-Type': 'application/json' },
    }));
    const answer = await call(sim, '/$batch', { method: 'POST', token, body: { requests } });
    expect(answer.status).toBe(200);
    const responses = answer.body.responses as Sub[];
    expect(responses.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(requests.map((r) => r.id));
    const deletedItems = (await call(sim, '/me/mailFolders/deleteditems', { token })).body.id;
    for (const r of responses) {
      expect(r.status).toBe(201);
      expect(r.headers['Content-Type']).toBe('application/json');
      expect(r.body?.parentFolderId).toBe(deletedItems);
    }
  });

  it('answers in its own order by default (match by id) and in request order with the switch', async () => {
    const ids = await seed(12, 'order');
    const requests = ids.map((id, i) => ({ id: `r${i}`, method: 'GET', url: `/me/messages/${id}?$select=subject` }));
    const shuffled = (await call(sim, '/$batch', { method: 'POST', token, body: { requests } })).body.responses as Sub[];
    expect(shuffled.map((r) => r.id)).not.toEqual(requests.map((r) => r.id));
    for (const r of shuffled) expect(r.body?.id).toBe(ids[Number(r.id.slice(1))]);
    sim.setSwitches({ batchResponseOrder: 'request' });
    try {
      const ordered = (await call(sim, '/$batch', { method: 'POST', token, body: { requests } })).body.responses as Sub[];
      expect(ordered.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    } finally {
      sim.setSwitches({ batchResponseOrder: 'shuffled' });
    }
  });

  it('refuses more than 20 requests, duplicate ids and unknown dependencies with 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/mailFolders/inbox' }));
    const tooMany = await call(sim, '/$batch', { method: 'POST', token, body: { requests: many } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('BadRequest');
    const duplicate = await call(sim, '/$batch', { method: 'POST', token, body: { requests: [many[0], many[0]] } });
    expect(duplicate.status).toBe(400);
    const unknown = await call(sim, '/$batch', {
      method: 'POST',
      token,
      body: { requests: [{ id: '1', method: 'GET', url: '/me/mailFolders/inbox', dependsOn: ['9'] }] },
    });
    expect(unknown.status).toBe(400);
    const absolute = await call(sim, '/$batch', {
      method: 'POST',
      token,
      body: { requests: [{ id: '1', method: 'GET', url: `${sim.graphUrl}/me/mailFolders/inbox` }] },
    });
    expect((absolute.body.responses as Sub[])[0]?.status).toBe(400);
  });

  it('runs dependsOn in sequence and fails dependents of a failed request with 424', async () => {
    const [id] = await seed(1, 'chain');
    const requests = [
      { id: '1', method: 'POST', url: `/me/messages/${id}/copy`, body: { destinationId: 'drafts' } },
      { id: '2', method: 'POST', url: `/me/messages/${id}/move`, body: { destinationId: 'deleteditems' }, dependsOn: ['1'] },
      { id: '3', method: 'POST', url: `/me/messages/${id}/move`, body: { destinationId: 'junkemail' }, dependsOn: ['2'] },
      { id: '4', method: 'GET', url: '/me/mailFolders/junkemail', dependsOn: ['3'] },
    ];
    const responses = (await call(sim, '/$batch', { method: 'POST', token, body: { requests } })).body.responses as Sub[];
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(201);
    expect(byId.get('2')?.status).toBe(201);
    // The move in 2 gave the message a new id, so 3 (old id) fails, and 4 depends on it.
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('3')?.body?.error?.code).toBe('ErrorItemNotFound');
    expect(byId.get('4')?.status).toBe(424);
  });

  it('throttles sub-requests one by one: over the 4-concurrent limit some get their own 429 with Retry-After', async () => {
    const ids = await seed(8, 'throttled');
    sim.setLatency(150);
    try {
      // Two plain requests hold two of the mailbox's four slots while the batch dispatches four at once.
      const held = [call(sim, `/me/mailFolders/inbox`, { token }), call(sim, `/me/mailFolders/drafts`, { token })];
      await new Promise((r) => setTimeout(r, 30));
      const requests = ids.slice(0, 4).map((id, i) => ({ id: String(i), method: 'GET', url: `/me/messages/${id}?$select=subject` }));
      const answer = await call(sim, '/$batch', { method: 'POST', token, body: { requests } });
      await Promise.all(held);
      expect(answer.status).toBe(200);
      const statuses = (answer.body.responses as Sub[]).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 429, 429]);
      const throttled = (answer.body.responses as Sub[]).find((r) => r.status === 429);
      expect(throttled?.headers['Retry-After']).toMatch(/^\d+$/);
      expect(throttled?.body?.error?.code).toBe('ApplicationThrottled');
    } finally {
      sim.setLatency(0);
    }
  });
});
