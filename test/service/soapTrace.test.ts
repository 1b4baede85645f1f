import { describe, expect, it } from 'vitest';
import { prettyXml, redactHeaderValue, SoapTrace } from '../../electron/service/soapTrace';

const PASSWORD = 'Pa<ss>&w0rd!';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlLmNvbSJ9.c2lnbmF0dXJl';
const NTLM_TYPE1 = 'TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==';
const NTLM_TYPE2 = 'TlRMTVNTUAACAAAADAAMADgAAAA1goriASNFZ4mrze8AAAAAAAAAAAAAAAAAAAAA';
const BASIC = Buffer.from(`CONTOSO\\admin:${PASSWORD}`).toString('base64');
const IMPERSONATION =
  '<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>ann@contoso.com</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>';

function envelope(inner: string): string {
  return `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>${IMPERSONATION}</soap:Header><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}

function fullTrace(): SoapTrace {
  const trace = new SoapTrace({ secrets: [PASSWORD] });
  trace.addSecret(TOKEN);
  trace.record({
    operation: 'FindItem',
    requestXml: envelope(`<m:FindItem><m:Note>${PASSWORD.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</m:Note></m:FindItem>`),
    requestHeaders: { Authorization: `NTLM ${NTLM_TYPE1}`, 'X-AnchorMailbox': 'ann@contoso.com', Cookie: 'X-BackEndCookie=abc123secretcookie' },
    status: 401,
    responseHeaders: { 'www-authenticate': [`NTLM ${NTLM_TYPE2}`, 'Negotiate'], 'set-cookie': ['exchangecookie=deadbeefcafe; path=/'] },
    responseXml: '',
  });
  trace.record({
    operation: 'GetFolder',
    requestXml: envelope('<m:GetFolder/>'),
    requestHeaders: { Authorization: `Bearer ${TOKEN}`, 'Proxy-Authorization': `Basic ${BASIC}` },
    status: 200,
    responseXml: envelope(`<m:Echo>${Buffer.from(PASSWORD).toString('base64')}</m:Echo>`),
  });
  trace.record({
    operation: 'GetItem',
    requestXml: envelope('<m:GetItem/>'),
    requestHeaders: { authorization: `Basic ${BASIC}` },
    status: 200,
    responseXml: `<x>${TOKEN}</x>`,
  });
  return trace;
}

describe('SoapTrace redaction', () => {
  it('keeps no password, token, NTLM message, Basic credentials or cookie value anywhere', () => {
    const all = JSON.stringify(fullTrace().entries());
    for (const secret of [
      PASSWORD,
      'Pa&lt;ss&gt;&amp;w0rd!',
      Buffer.from(PASSWORD).toString('base64'),
      TOKEN,
      NTLM_TYPE1,
      NTLM_TYPE2,
      BASIC,
      'abc123secretcookie',
      'deadbeefcafe',
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('keeps the scheme, the size, the impersonation header and other headers', () => {
    const [first, second, third] = fullTrace().entries();
    expect(first?.requestHeaders.Authorization).toBe(`NTLM [redacted ${NTLM_TYPE1.length} bytes]`);
    expect(first?.responseHeaders['www-authenticate']).toBe(`NTLM [redacted ${NTLM_TYPE2.length} bytes], Negotiate`);
    expect(first?.requestHeaders.Cookie).toMatch(/^X-BackEndCookie=\[redacted \d+ bytes\]$/);
    expect(first?.requestHeaders['X-AnchorMailbox']).toBe('ann@contoso.com');
    expect(first?.requestXml).toContain('<t:PrimarySmtpAddress>ann@contoso.com</t:PrimarySmtpAddress>');
    expect(second?.requestHeaders.Authorization).toBe(`Bearer [redacted ${TOKEN.length} bytes]`);
    expect(second?.requestHeaders['Proxy-Authorization']).toMatch(/^Basic \[redacted \d+ bytes\]$/);
    expect(third?.responseXml).toBe('<x>[redacted]</x>');
  });

  it('blanks a secret added later in entries already kept', () => {
    const trace = new SoapTrace();
    trace.record({ operation: 'GetItem', requestXml: '<a>s3cret-value</a>' });
    trace.addSecret('s3cret-value');
    expect(JSON.stringify(trace.entries())).not.toContain('s3cret-value');
  });

  it('reads header values down to the scheme', () => {
    expect(redactHeaderValue('Authorization', 'Negotiate')).toBe('Negotiate');
    expect(redactHeaderValue('Authorization', 'Basic dTpw')).toBe('Basic [redacted 4 bytes]');
  });
});

describe('SoapTrace buffer', () => {
  it('keeps the last N exchanges in order and can be cleared', () => {
    let t = 0;
    const trace = new SoapTrace({ capacity: 3, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)) });
    for (let i = 0; i < 5; i++) trace.record({ operation: `Op${i}`, requestXml: '<a/>', status: 200, ms: i });
    const entries = trace.entries();
    expect(entries.map((e) => e.operation)).toEqual(['Op2', 'Op3', 'Op4']);
    expect(entries[0]).toMatchObject({ at: '2026-01-01T00:00:02.000Z', status: 200, ms: 2 });
    trace.clear();
    expect(trace.entries()).toEqual([]);
  });

  it('defaults to 200 entries', () => {
    const trace = new SoapTrace();
    for (let i = 0; i < 250; i++) trace.record({ operation: 'GetItem', requestXml: '<a/>' });
    expect(trace.entries()).toHaveLength(200);
  });

  it('pretty-prints bodies and caps their size', () => {
    expect(prettyXml('<a><b x="1">text</b><c/><d><e>1</e></d></a>')).toBe('<a>\n  <b x="1">text</b>\n  <c/>\n  <d>\n    <e>1</e>\n  </d>\n</a>');
    const trace = new SoapTrace({ maxBodyChars: 100 });
    trace.record({ operation: 'FindItem', requestXml: `<a>${'x'.repeat(1000)}</a>` });
    const body = trace.entries()[0]?.requestXml ?? '';
    expect(body.startsWith('<a>xxxx')).toBe(true);
    expect(body).toMatch(/… \[\d+ more characters not kept\]$/);
    expect(body.length).toBeLessThan(160);
  });
});
