// Issue 14, point 7, the request side: RequestServerVersion only ever carries a version the
// schema lists (the value may come from a stored profile), and tab/CR/LF in attribute values are
// written as character references, so a parser reads back exactly the id that was sent.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { BasicAuth, EwsClient, EwsError, deleteItemOperation, escapeXml } from '../../electron/ews';
import type { ExchangeVersion } from '../../electron/ews/serverVersion';
import { isExchangeVersion } from '../../electron/ews/serverVersion';

const URL_ = 'https://mail.contoso.com/EWS/Exchange.asmx';

describe('serverVersion', () => {
  it("is checked against the schema's list before it goes into XML", () => {
    expect(isExchangeVersion('Exchange2013_SP1')).toBe(true);
    expect(isExchangeVersion('V2017_07_11')).toBe(true);
    for (const bad of ['Exchange2013_SP1"/><t:ExchangeImpersonation>', 'exchange2013', '', 'constructor']) {
      expect(isExchangeVersion(bad), bad).toBe(false);
      expect(() => new EwsClient({ url: URL_, auth: new BasicAuth('a', 'b'), serverVersion: bad as ExchangeVersion }), bad).toThrow(EwsError);
    }
    const client = new EwsClient({ url: URL_, auth: new BasicAuth('a', 'b'), serverVersion: 'Exchange2010_SP2' });
    expect(client.buildRequest(deleteItemOperation, { items: [{ id: 'x' }], deleteType: 'SoftDelete' })).toContain(
      '<t:RequestServerVersion Version="Exchange2010_SP2"/>',
    );
  });
});

describe('tab, CR and LF', () => {
  it('are written as character references', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('survive an attribute value: the id read back is the id sent', () => {
    const id = 'AAMk\tweird\r\nid';
    const client = new EwsClient({ url: URL_, auth: new BasicAuth('a', 'b') });
    const xml = client.buildRequest(deleteItemOperation, { items: [{ id, changeKey: 'C\nK' }], deleteType: 'SoftDelete' });
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, processEntities: true, htmlEntities: true }).parse(
      xml,
    ) as {
      Envelope: { Body: { DeleteItem: { ItemIds: { ItemId: { '@Id': string; '@ChangeKey': string } } } } };
    };
    const read = parsed.Envelope.Body.DeleteItem.ItemIds.ItemId;
    expect(read['@Id']).toBe(id);
    expect(read['@ChangeKey']).toBe('C\nK');
    expect(xml).not.toMatch(/Id="[^"]*[\t\r\n]/);
  });
});
