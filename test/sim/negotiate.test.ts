// Negotiate (RFC 4559 with SPNEGO, RFC 4178 / [MS-SPNG]) carrying NTLMSSP; raw NTLMSSP under
// Negotiate (as Windows sends when it skips SPNEGO); Kerberos alone is refused (no KDC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { dist, envelope, getFolder, PASSWORD } from './helpers';
import { ntlmHandshake } from './support/handshake';
import { oneSocketAgent, send, tokenOf } from './support/http';
import { negTokenInit, OID_KERBEROS, OID_NTLMSSP, readNegTokenResp } from './support/ntlmClient';

let sim: RunningSimulator;
const body = envelope(getFolder(dist('inbox')));
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(() => sim.close());

describe('Negotiate', () => {
  it('signs in through SPNEGO: accept-incomplete with NTLMSSP and the CHALLENGE, then accept-completed on the 200', async () => {
    const agent = oneSocketAgent(sim.url);
    try {
      const { challenge, final } = await ntlmHandshake(sim.url, agent, { user: 'alice', domain: 'CONTOSO', password: PASSWORD }, body, 'spnego');
      const first = readNegTokenResp(tokenOf(challenge, 'Negotiate'));
      expect(first.negState).toBe(1);
      expect(first.supportedMech?.equals(OID_NTLMSSP)).toBe(true);
      expect(first.responseToken?.subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
      expect(final.status).toBe(200);
      expect(readNegTokenResp(tokenOf(final, 'Negotiate')).negState).toBe(0);
      expect(final.text).toContain(sim.store.folderByDistinguished('alice@contoso.com', 'inbox')?.id);
      expect((await send(sim.url, agent, { body })).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('accepts raw NTLMSSP tokens under the Negotiate scheme', async () => {
    const { challenge, final } = await ntlmHandshake(
      sim.url,
      oneSocketAgent(sim.url),
      { user: 'admin@contoso.com', domain: '', password: PASSWORD },
      body,
      'negotiate-raw',
    );
    expect(tokenOf(challenge, 'Negotiate').subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(final.status).toBe(200);
  });

  it('refuses a wrong password through SPNEGO', async () => {
    const { final } = await ntlmHandshake(sim.url, oneSocketAgent(sim.url), { user: 'alice', domain: 'CONTOSO', password: 'nope' }, body, 'spnego');
    expect(final.status).toBe(401);
  });

  it('answers a NegTokenInit offering only Kerberos with a plain 401', async () => {
    const kerberosOnly = negTokenInit([OID_KERBEROS], Buffer.from('not a real AP-REQ'));
    const answer = await send(sim.url, oneSocketAgent(sim.url), { authorization: `Negotiate ${kerberosOnly.toString('base64')}`, body });
    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toEqual(['Negotiate', 'NTLM', 'Basic realm="127.0.0.1"']);
  });
});
