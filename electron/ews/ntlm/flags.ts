// NegotiateFlags bits of [MS-NLMP] 2.2.2.5 that this client sets or reads.
export const NEGOTIATE_UNICODE = 0x0000_0001;
export const NEGOTIATE_OEM = 0x0000_0002;
export const REQUEST_TARGET = 0x0000_0004;
export const NEGOTIATE_SIGN = 0x0000_0010;
export const NEGOTIATE_NTLM = 0x0000_0200;
export const NEGOTIATE_ALWAYS_SIGN = 0x0000_8000;
export const NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x0008_0000;
export const NEGOTIATE_TARGET_INFO = 0x0080_0000;
export const NEGOTIATE_VERSION = 0x0200_0000;
export const NEGOTIATE_128 = 0x2000_0000;
export const NEGOTIATE_KEY_EXCH = 0x4000_0000;
export const NEGOTIATE_56 = 0x8000_0000;

/**
 * What the client asks for. No KEY_EXCH: the exported session key is then the session base key
 * (no RC4, which Node's OpenSSL 3 no longer offers), and HTTP needs no sealing anyway.
 */
export const CLIENT_FLAGS =
  (NEGOTIATE_UNICODE |
    NEGOTIATE_OEM |
    REQUEST_TARGET |
    NEGOTIATE_NTLM |
    NEGOTIATE_ALWAYS_SIGN |
    NEGOTIATE_EXTENDED_SESSIONSECURITY |
    NEGOTIATE_VERSION |
    NEGOTIATE_128 |
    NEGOTIATE_56) >>>
  0;

/** Windows 10 / Server 2022 build with NTLMSSP_REVISION_W2K3 (15), [MS-NLMP] 2.2.2.10. */
export const CLIENT_VERSION = Buffer.from([10, 0, 0x7c, 0x4f, 0, 0, 0, 0x0f]);
