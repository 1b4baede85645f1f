// One NTLMv2 handshake on one connection: NEGOTIATE, then AUTHENTICATE from the server's CHALLENGE
// with the client's AV pairs (channel binding, target name, MIC flag) and the MIC over all three
// messages ([MS-NLMP] 3.1.5.1.1, 3.1.5.2.1).
import { randomBytes } from 'node:crypto';
import { AV_TIMESTAMP, clientAvPairs, encodeAvPairs, findAvPair } from './avPairs';
import { CLIENT_FLAGS, NEGOTIATE_OEM, NEGOTIATE_TARGET_INFO, NEGOTIATE_UNICODE } from './flags';
import { buildAuthenticate, buildNegotiate, parseChallenge, withMic } from './messages';
import { fileTime, hmacMd5, lmv2Response, ntlmv2Response } from './ntlmv2';

export interface NtlmIdentity {
  /** As sent: the bare name, or the whole UPN with an empty domain. */
  user: string;
  domain: string;
  /** NTOWFv2(password, user, domain), computed once per credential. */
  responseKey: Buffer;
}

export interface NtlmTarget {
  /** Host name of the server: the target name is HTTP/<host>. */
  host: string;
  /** MD5 of the gss_channel_bindings_struct, when the connection is TLS. */
  channelBindings?: Buffer;
}

export interface NtlmHandshakeOptions {
  /** Test seams: the 8-byte client challenge and the clock. */
  clientChallenge?: Buffer;
  now?: () => number;
}

export class NtlmHandshake {
  readonly negotiate: Buffer = buildNegotiate();
  readonly #identity: NtlmIdentity;
  readonly #options: NtlmHandshakeOptions;

  constructor(identity: NtlmIdentity, options: NtlmHandshakeOptions = {}) {
    this.#identity = identity;
    this.#options = options;
  }

  /** AUTHENTICATE_MESSAGE answering a CHALLENGE_MESSAGE; throws RangeError on a malformed challenge. */
  authenticate(challengeBytes: Buffer, target: NtlmTarget): Buffer {
    const challenge = parseChallenge(challengeBytes);
    const serverTime = findAvPair(challenge.avPairs, AV_TIMESTAMP);
    const hasTimestamp = serverTime !== undefined && serverTime.length === 8;
    // A server that sends a timestamp checks a MIC when MsvAvFlags says one is there (3.1.5.2.1).
    const mic = hasTimestamp;
    const clientChallenge = this.#options.clientChallenge ?? randomBytes(8);
    const avPairs = clientAvPairs(challenge.avPairs, {
      mic,
      targetName: `HTTP/${target.host}`,
      ...(target.channelBindings === undefined ? {} : { channelBindings: target.channelBindings }),
    });
    const key = this.#identity.responseKey;
    const nt = ntlmv2Response({
      responseKeyNT: key,
      serverChallenge: challenge.serverChallenge,
      clientChallenge,
      time: hasTimestamp ? serverTime : fileTime((this.#options.now ?? Date.now)()),
      avPairs: encodeAvPairs(avPairs),
    });
    const flags = ((challenge.flags & (CLIENT_FLAGS | NEGOTIATE_TARGET_INFO)) | NEGOTIATE_UNICODE) & ~NEGOTIATE_OEM;
    const message = buildAuthenticate({
      flags,
      // With a server timestamp the LMv2 response is Z(24) (3.3.2); NTLMv1/LM are never sent.
      lmChallengeResponse: hasTimestamp ? Buffer.alloc(24) : lmv2Response(key, challenge.serverChallenge, clientChallenge),
      ntChallengeResponse: nt.ntChallengeResponse,
      domain: this.#identity.domain,
      user: this.#identity.user,
      workstation: '',
    });
    if (!mic) return message;
    // No KEY_EXCH: ExportedSessionKey = KeyExchangeKey = SessionBaseKey for NTLMv2.
    return withMic(message, hmacMd5(nt.sessionBaseKey, this.negotiate, challengeBytes, message));
  }
}
