import { describe, expect, it } from 'vitest';
import { formatServerVersion, readServerVersionInfo, requestVersionFor } from '../../electron/ews';

const envelope = (header: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${header}</s:Header><s:Body><m:GetFolderResponse/></s:Body></s:Envelope>`;

describe('readServerVersionInfo', () => {
  it('reads Exchange SE as written in the header', () => {
    const xml = envelope(
      '<h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="2562" MinorBuildNumber="17" Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>',
    );
    const info = readServerVersionInfo(xml);
    expect(info).toEqual({ major: 15, minor: 2, build: 2562, revision: 17, version: 'V2017_07_11' });
    expect(formatServerVersion(info ?? { major: 0, minor: 0 })).toBe('15.2.2562.17');
    expect(requestVersionFor(info)).toBeUndefined();
  });

  it('asks Exchange 2010 for the 2010 SP2 schema', () => {
    const info = readServerVersionInfo(
      envelope('<t:ServerVersionInfo MajorVersion="14" MinorVersion="3" MajorBuildNumber="123" MinorBuildNumber="3" Version="Exchange2010_SP2"/>'),
    );
    expect(info?.major).toBe(14);
    expect(requestVersionFor(info)).toBe('Exchange2010_SP2');
  });

  it('ignores a ServerVersionInfo inside the body, missing numbers and hostile values', () => {
    expect(readServerVersionInfo('<s:Envelope><s:Body><ServerVersionInfo MajorVersion="15" MinorVersion="2"/></s:Body></s:Envelope>')).toBeUndefined();
    expect(readServerVersionInfo(envelope('<h:ServerVersionInfo MinorVersion="2"/>'))).toBeUndefined();
    expect(readServerVersionInfo(envelope('<h:ServerVersionInfo MajorVersion="15" MinorVersion="2" Version="&lt;script&gt;"/>'))).toEqual({
      major: 15,
      minor: 2,
    });
    expect(readServerVersionInfo('')).toBeUndefined();
  });
});
