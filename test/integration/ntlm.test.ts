// The EWS client's password sign-in against the simulator with Basic switched off (NTLM only),
// over real HTTP: both user-name forms, a wrong password, a scheme the connection does not allow,
// the sockets of a busy client each signing in once, and a job that keeps going while the
// simulator drops authenticated sockets — every item accounted for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsClient, EwsError, PasswordAuth, type PasswordScheme } from '../../electron/ews';
import { EwsJobBackend } from '../../electron/backends/ews/jobBackend';
import { DEMO_ADMIN, DEMO_PASSWORD, NO_FAULTS, startSimulator, type RunningSimulator } from '../../electron/sim';
import { makeEngine, tempDir } from '../jobs/helpers';

let sim: RunningSimulator;
const clients: EwsClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false, auth: ['ntlm'], onInternalError: () => undefined });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
});

function client(
  user: string,
  password = DEMO_PASSWORD,
  schemes?: readonly PasswordScheme[],
  maxSockets = 8,
): { client: EwsClient; auth: PasswordAuth; handshakes: () => number } {
  const auth = new PasswordAuth({ user, password, ...(schemes === undefined ? {} : { schemes }) });
  let handshakes = 0;
  const c = new EwsClient({
    url: sim.url,
    auth,
    maxSockets,
    timeoutMs: 10_000,
    onExchange: (record) => {
      if (/^NTLM /.test(record.requestHeaders?.Authorization ?? '') && record.status === 401) handshakes++;
    },
  });
  clients.push(c);
  return { client: c, auth, handshakes: () => handshakes };
}

const root = { folders: [{ distinguished: 'msgfolderroot' as const }] };

describe('NTLM sign-in against the simulator (Basic off)', () => {
  it.each(['CONTOSO\\admin', DEMO_ADMIN])('signs in as %s and reuses the signed-in socket', async (user) => {
    const { client: c, auth, handshakes } = client(user, DEMO_PASSWORD, undefined, 1);
    const [first] = await c.getFolder(root);
    expect(first?.ok).toBe(true);
    expect(auth.scheme).toBe('ntlm');
    const [second] = await c.getFolder(root);
    expect(second?.ok).toBe(true);
    expect(handshakes()).toBe(1);
  });

  it('refuses a wrong password with a clear message', async () => {
    const { client: c } = client('CONTOSO\\admin', 'not-the-password');
    const error = await c.getFolder(root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EwsError);
    expect((error as EwsError).kind).toBe('auth');
    expect((error as EwsError).message).toMatch(/Windows credentials were refused/);
  });

  it('names the offered schemes when the connection allows only Basic', async () => {
    const { client: c } = client(DEMO_ADMIN, DEMO_PASSWORD, ['basic']);
    await expect(c.getFolder(root)).rejects.toThrow(/offers NTLM; this connection allows Basic only/);
  });

  it('signs in each socket of a busy client once', async () => {
    const { client: c, handshakes } = client(DEMO_ADMIN, DEMO_PASSWORD, undefined, 4);
    const answers = await Promise.all(Array.from({ length: 16 }, () => c.getFolder(root)));
    expect(answers.every(([r]) => r?.ok === true)).toBe(true);
    expect(handshakes()).toBeGreaterThan(0);
    expect(handshakes()).toBeLessThanOrEqual(4);
  });

  it('a job survives the simulator dropping signed-in sockets: every item ends deleted', async () => {
    const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
    if (!inbox) throw new Error('no inbox');
    const folder = sim.store.createFolder(inbox.id, 'ntlm-reset').id;
    sim.store.seedItems(folder, 600, { subject: (i) => `ntlm-${i}`, received: '2025-06-01T00:00:00Z', receivedStepSeconds: 1 });
    const { client: c } = client('CONTOSO\\admin');
    const { dir, cleanup } = tempDir();
    try {
      sim.setFaults({ ...NO_FAULTS, seed: 3, rates: { connectionReset: 0.08 } });
      const engine = makeEngine(dir, new EwsJobBackend(c, { part: 'primary' }), {
        requestTimeoutMs: 3_000,
        backoff: { defaultBusyMs: 20, baseMs: 5, maxMs: 50, maxAttempts: 8 },
        batch: { initial: 50, max: 100 },
      });
      const run = await engine.start({
        mailbox: { part: 'primary' },
        action: { kind: 'delete', mode: 'HardDelete' },
        target: { kind: 'query', folderId: folder, filter: {} },
      });
      const result = await run.done;
      expect(result.counts, JSON.stringify(result.counts)).toMatchObject({ failed: 0, unknown: 0 });
      expect(result.counts.done + result.counts.alreadyGone).toBe(600);
      expect(sim.store.itemCount(folder)).toBe(0);
    } finally {
      sim.setFaults({ ...NO_FAULTS });
      cleanup();
    }
  });
});

describe('Negotiate against the simulator offering Negotiate, NTLM and Basic (its default)', () => {
  it('prefers Negotiate (SPNEGO carrying NTLM) and signs in; a wrong password is refused', async () => {
    const standard = await startSimulator({ seed: 'empty', throttling: false, onInternalError: () => undefined });
    const auth = new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD });
    const c = new EwsClient({ url: standard.url, auth, timeoutMs: 10_000 });
    try {
      const [answer] = await c.getFolder(root);
      expect(answer?.ok).toBe(true);
      expect(auth.scheme).toBe('negotiate');
      const wrong = new EwsClient({ url: standard.url, auth: new PasswordAuth({ user: 'CONTOSO\\admin', password: 'wrong' }), timeoutMs: 10_000 });
      await expect(wrong.getFolder(root)).rejects.toThrow(/credentials were refused \(Negotiate/);
      wrong.close();
    } finally {
      c.close();
      await standard.close();
    }
  });
});

describe('what the simulator refuses', () => {
  async function post(url: string, authorization: string, agent: import('node:http').Agent): Promise<number> {
    const { request } = await import('node:http');
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { Authorization: authorization, 'Content-Type': 'text/xml' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('<x/>');
    });
  }

  it('a replayed AUTHENTICATE, on another socket, is refused', async () => {
    const sent: string[] = [];
    const auth = new PasswordAuth({ user: 'CONTOSO\\admin', password: DEMO_PASSWORD, schemes: ['ntlm'] });
    const c = new EwsClient({ url: sim.url, auth, maxSockets: 1, onExchange: (r) => sent.push(r.requestHeaders?.Authorization ?? '') });
    clients.push(c);
    expect((await c.getFolder(root))[0]?.ok).toBe(true);
    const type3 = sent.find((header) => header.startsWith('NTLM ') && Buffer.from(header.slice(5), 'base64').readUInt32LE(8) === 3);
    expect(type3).toBeDefined();
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await post(sim.url, type3 ?? '', agent)).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it('an NTLMv1-sized response and Basic (switched off) are refused', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const negotiate = Buffer.concat([Buffer.from('NTLMSSP\0', 'latin1'), Buffer.from([1, 0, 0, 0, 0x07, 0x82, 0x08, 0xa2]), Buffer.alloc(16)]);
      expect(await post(sim.url, `NTLM ${negotiate.toString('base64')}`, agent)).toBe(401);
      // AUTHENTICATE with a 24-byte NT response (NTLMv1) on the socket that got the challenge.
      const v1 = Buffer.alloc(88 + 24);
      Buffer.from('NTLMSSP\0', 'latin1').copy(v1, 0);
      v1.writeUInt32LE(3, 8);
      v1.writeUInt16LE(24, 20);
      v1.writeUInt16LE(24, 22);
      v1.writeUInt32LE(88, 24);
      for (const at of [12, 28, 36, 44, 52]) v1.writeUInt32LE(88, at + 4);
      v1.writeUInt32LE(1, 60);
      expect(await post(sim.url, `NTLM ${v1.toString('base64')}`, agent)).toBe(401);
      expect(await post(sim.url, `Basic ${Buffer.from(`${DEMO_ADMIN}:${DEMO_PASSWORD}`).toString('base64')}`, agent)).toBe(401);
    } finally {
      agent.destroy();
    }
  });
});
