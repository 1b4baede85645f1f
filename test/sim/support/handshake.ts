// TEST-ONLY: the RFC 4559 exchange (NEGOTIATE → 401 CHALLENGE → AUTHENTICATE) on one agent.
import type { Agent } from 'node:http';
import {
  authenticateMessage,
  negotiateMessage,
  negTokenInit,
  negTokenResp,
  OID_NTLMSSP,
  readChallenge,
  readNegTokenResp,
  type Credentials,
} from './ntlmClient';
import { send, tokenOf, type Answer } from './http';

export interface Handshake {
  challenge: Answer;
  final: Answer;
  /** The AUTHENTICATE_MESSAGE sent, for replays. */
  authenticate: Buffer;
}

export async function ntlmHandshake(
  url: string,
  agent: Agent,
  creds: Credentials,
  body: string,
  wrapping: 'ntlm' | 'spnego' | 'negotiate-raw' = 'ntlm',
): Promise<Handshake> {
  const scheme = wrapping === 'ntlm' ? 'NTLM' : 'Negotiate';
  const first = wrapping === 'spnego' ? negTokenInit([OID_NTLMSSP], negotiateMessage()) : negotiateMessage();
  const challenge = await send(url, agent, { authorization: `${scheme} ${first.toString('base64')}`, body });
  if (challenge.status !== 401) throw new Error(`expected a 401 challenge, got ${challenge.status}`);
  const token = tokenOf(challenge, scheme);
  const type2 = wrapping === 'spnego' ? readNegTokenResp(token).responseToken : token;
  if (!type2) throw new Error('no CHALLENGE in the NegTokenResp');
  const authenticate = await authenticateMessage(readChallenge(type2), creds);
  const last = wrapping === 'spnego' ? negTokenResp(authenticate) : authenticate;
  const final = await send(url, agent, { authorization: `${scheme} ${last.toString('base64')}`, body });
  return { challenge, final, authenticate };
}
