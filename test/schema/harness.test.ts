// Checks the schema harness itself: a valid body passes, a misspelt or malformed one fails.
import { describe, expect, it } from 'vitest';
import { extractBodyChild, schemaAvailable, schemaSkipReason, validateDocuments, validateEnvelopeBodies } from '../support/schema';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}"><soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe.skipIf(!schemaAvailable)('schema harness', () => {
  it('accepts a valid DeleteItem and rejects a misspelt operation and a bad enum', async () => {
    const good = envelope('<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="AAA="/></m:ItemIds></m:DeleteItem>');
    const misspelt = envelope('<m:DeleteItems DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="AAA="/></m:ItemIds></m:DeleteItems>');
    const badEnum = envelope('<m:DeleteItem DeleteType="Shred"><m:ItemIds><t:ItemId Id="AAA="/></m:ItemIds></m:DeleteItem>');
    expect(extractBodyChild(good)).toContain(`xmlns:m="${M}"`);
    const violations = await validateEnvelopeBodies([
      { name: 'good', xml: good },
      { name: 'misspelt', xml: misspelt },
      { name: 'badEnum', xml: badEnum },
    ]);
    const names = new Set(violations.map((v) => v.name));
    expect(names.has('good')).toBe(false);
    expect(names.has('misspelt')).toBe(true);
    expect(names.has('badEnum')).toBe(true);
  });

  it('accepts a SOAP fault body', async () => {
    const fault = `<s:Fault xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><faultcode xmlns:a="${T}">a:ErrorServerBusy</faultcode><faultstring>The server cannot service this request right now. Try again later.</faultstring><detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode></detail></s:Fault>`;
    expect(await validateDocuments([{ name: 'fault', xml: fault }])).toEqual([]);
  });
});

if (!schemaAvailable) {
  describe('schema harness', () => {
    it.skip(schemaSkipReason, () => undefined);
  });
}
