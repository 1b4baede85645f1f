// NTLM sign-in as IIS demands it: the [MS-NLMP] 4.2.4 NTLMv2 vectors against the simulator's
// crypto, and the RFC 4559 handshake over real keep-alive sockets with a test-only client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ntowfv2, verifyNtlmv2 } from '../../electron/sim/ntlm';
import { basic, dist, envelope, getFolder, PASSWORD } from './helpers';
import { ntlmHandshake } from './support/handshake';
import { oneSocketAgent, send, tokenOf } from './support/http';
import { authenticateMessage, avPairs, negotiateMessage, readChallenge } from './support/ntlmClient';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s/g, ''), 'hex');

describe('MS-NLMP 4.2.4 NTLMv2 test vectors', () => {
  // User "User", domain "Domain", password "Password", server challenge 0123456789abcdef,
  // client challenge aa×8, time 0, AV pairs NbDomainName "Domain", NbComputerName "Server".
  const temp = hex(
    '0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000' + '02000c0044006f006d00610069006e00 01000c0053006500720076006500720000000000 00000000',
  );
  const serverChallenge = hex('0123456789abcdef');

  it('NTOWFv2 is 0c868a403bfd7a93a3001ef22ef02e3f', async () => {
    expect((await ntowfv2('Password', 'User', 'Domain')).toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
  });

  it('accepts NTProofStr 68cd0ab851e51c96aabc927bebef6a1c and nothing else', async () => {
    const ntResponse = Buffer.concat([hex('68cd0ab851e51c96aabc927bebef6a1c'), temp]);
    expect(await verifyNtlmv2({ user: 'User', domain: 'Domain', ntResponse }, 'Password', serverChallenge)).toBe(true);
    expect(await verifyNtlmv2({ user: 'User', domain: 'Domain', ntResponse }, 'password', serverChallenge)).toBe(false);
    expect(await verifyNtlmv2({ user: 'User', domain: 'Domain', ntResponse }, 'Password', hex('0123456789abcdee'))).toBe(false);
    // The user name is upper-cased, the domain is not.
    expect(await verifyNtlmv2({ user: 'USER', domain: 'Domain', ntResponse }, 'Password', serverChallenge)).toBe(true);
    expect(await verifyNtlmv2({ user: 'User', domain: 'DOMAIN', ntResponse }, 'Password', serverChallenge)).toBe(false);
  });
});

describe('NTLM over HTTP (RFC 4559)', () => {
  let sim: RunningSimulator;
  const body = envelope(getFolder(dist('inbox')));
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty', throttling: false });
  });
  afterAll(() => sim.close());

  it('a 401 names Negotiate, NTLM and Basic, one header each, in IIS order', async () => {
    const answer = await send(sim.url, oneSocketAgent(sim.url), { body });
    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toEqual(['Negotiate', 'NTLM', 'Basic realm="127.0.0.1"']);
  });

  for (const [user, domain] of [
    ['admin', 'CONTOSO'],
    ['admin@contoso.com', ''],
    ['Admin', 'contoso.com'],
  ] as const) {
    it(`signs in ${domain ? `${domain}\\${user}` : user} on one socket, which then stays signed in`, async () => {
      const agent = oneSocketAgent(sim.url);
      try {
        const { challenge, final } = await ntlmHandshake(sim.url, agent, { user, domain, password: PASSWORD }, body);
        expect(challenge.wwwAuthenticate).toHaveLength(1);
        expect(challenge.headers.connection).not.toBe('close');
        expect(final.status).toBe(200);
        expect(final.socket).toBe(challenge.socket);
        expect(final.text).toContain(sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id);
        const later = await send(sim.url, agent, { body });
        expect(later.status).toBe(200);
        expect(later.socket).toBe(final.socket);
      } finally {
        agent.destroy();
      }
    });
  }

  it('the CHALLENGE carries a random server challenge, CONTOSO, the AV pairs and the flags', async () => {
    const { challenge: a } = await ntlmHandshake(sim.url, oneSocketAgent(sim.url), { user: 'admin', domain: 'CONTOSO', password: PASSWORD }, body);
    const first = readChallenge(tokenOf(a, 'NTLM'));
    const { challenge: b } = await ntlmHandshake(sim.url, oneSocketAgent(sim.url), { user: 'admin', domain: 'CONTOSO', password: PASSWORD }, body);
    expect(readChallenge(tokenOf(b, 'NTLM')).serverChallenge.equals(first.serverChallenge)).toBe(false);
    expect(first.targetName).toBe('CONTOSO');
    const pairs = avPairs(first.targetInfo);
    expect(pairs.get(2)?.toString('utf16le')).toBe('CONTOSO');
    expect(pairs.get(4)?.toString('utf16le')).toBe('contoso.com');
    expect(pairs.has(1) && pairs.has(3) && pairs.get(7)?.length === 8).toBe(true);
    for (const flag of [0x1, 0x80000, 0x800000]) expect(first.flags & flag).toBe(flag);
  });

  it('a new socket must sign in again', async () => {
    const agent = oneSocketAgent(sim.url);
    const other = oneSocketAgent(sim.url);
    try {
      expect((await ntlmHandshake(sim.url, agent, { user: 'admin', domain: 'CONTOSO', password: PASSWORD }, body)).final.status).toBe(200);
      const elsewhere = await send(sim.url, other, { body });
      expect(elsewhere.status).toBe(401);
      expect((await ntlmHandshake(sim.url, other, { user: 'alice', domain: 'CONTOSO', password: PASSWORD }, body)).final.status).toBe(200);
    } finally {
      agent.destroy();
      other.destroy();
    }
  });

  it('refuses a wrong password, an unknown user, an NTLMv1 answer, a replay and an AUTHENTICATE on another socket', async () => {
    const refused = async (creds: Parameters<typeof ntlmHandshake>[2]): Promise<void> => {
      const { final } = await ntlmHandshake(sim.url, oneSocketAgent(sim.url), creds, body);
      expect(final.status, JSON.stringify(creds)).toBe(401);
      expect(final.wwwAuthenticate).toEqual(['Negotiate', 'NTLM', 'Basic realm="127.0.0.1"']);
    };
    await refused({ user: 'admin', domain: 'CONTOSO', password: 'wrong' });
    await refused({ user: 'nobody', domain: 'CONTOSO', password: PASSWORD });
    await refused({ user: 'admin', domain: 'FABRIKAM', password: PASSWORD });
    await refused({ user: 'admin', domain: 'CONTOSO', password: PASSWORD, ntlmv1: true });

    const agent = oneSocketAgent(sim.url);
    const { final, authenticate } = await ntlmHandshake(sim.url, agent, { user: 'admin', domain: 'CONTOSO', password: PASSWORD }, body);
    expect(final.status).toBe(200);
    const replayed = await send(sim.url, agent, { authorization: `NTLM ${authenticate.toString('base64')}`, body });
    expect(replayed.status).toBe(401);
    const fresh = oneSocketAgent(sim.url);
    expect((await send(sim.url, fresh, { authorization: `NTLM ${authenticate.toString('base64')}`, body })).status).toBe(401);
    agent.destroy();
    fresh.destroy();

    // The CHALLENGE asked for on one socket, the AUTHENTICATE sent on another.
    const a = oneSocketAgent(sim.url);
    const b = oneSocketAgent(sim.url);
    const challenge = await send(sim.url, a, { authorization: `NTLM ${negotiateMessage().toString('base64')}`, body });
    const type3 = await authenticateMessage(readChallenge(tokenOf(challenge, 'NTLM')), { user: 'admin', domain: 'CONTOSO', password: PASSWORD });
    const moved = await send(sim.url, b, { authorization: `NTLM ${type3.toString('base64')}`, body });
    expect(moved.status).toBe(401);
    expect(moved.socket).not.toBe(challenge.socket);
    a.destroy();
    b.destroy();
  });

  it('Basic takes CONTOSO\\admin, contoso.com\\admin and the SMTP address', async () => {
    for (const name of ['CONTOSO\\admin', 'contoso.com\\admin', 'admin@contoso.com']) {
      const answer = await send(sim.url, oneSocketAgent(sim.url), { authorization: basic(name, PASSWORD), body });
      expect(answer.status, name).toBe(200);
    }
  });

  it('a connection reset drops the signed-in socket: the next one handshakes again', async () => {
    const agent = oneSocketAgent(sim.url);
    try {
      const { final } = await ntlmHandshake(sim.url, agent, { user: 'admin', domain: 'CONTOSO', password: PASSWORD }, body);
      expect(final.status).toBe(200);
      sim.setFaults({ rates: { connectionReset: 1 } });
      await expect(send(sim.url, agent, { body })).rejects.toThrow();
      sim.setFaults({ rates: { connectionReset: 0 } });
      const after = await send(sim.url, agent, { body });
      expect(after.status).toBe(401);
      expect(after.socket).not.toBe(final.socket);
    } finally {
      sim.setFaults({ rates: { connectionReset: 0 } });
      agent.destroy();
    }
  });
});

describe('auth: [ntlm] only', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty', throttling: false, auth: ['ntlm'] });
  });
  afterAll(() => sim.close());

  it('refuses Basic with a 401 that offers only NTLM, and still signs in with NTLM', async () => {
    const body = envelope(getFolder(dist('inbox')));
    const answer = await send(sim.url, oneSocketAgent(sim.url), { authorization: basic('admin@contoso.com', PASSWORD), body });
    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toEqual(['NTLM']);
    expect((await ntlmHandshake(sim.url, oneSocketAgent(sim.url), { user: 'admin', domain: 'CONTOSO', password: PASSWORD }, body)).final.status).toBe(200);
  });
});
