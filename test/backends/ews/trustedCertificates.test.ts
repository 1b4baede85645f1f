// The CA list of the EWS connection: Node's defaults plus the OS store, where Node can read it.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { processTrustedCertificates, trustedCertificates, type CaSource } from '../../../electron/backends/ews/trustedCertificates';

describe('trusted certificates', () => {
  it("adds the system store to Node's defaults, without duplicates", () => {
    const source: CaSource = { getCACertificates: (type) => (type === 'system' ? ['INTERNAL-CA', 'PUBLIC-1'] : ['PUBLIC-1', 'PUBLIC-2']) };
    expect(trustedCertificates(source)).toEqual(['PUBLIC-1', 'PUBLIC-2', 'INTERNAL-CA']);
  });

  it("keeps Node's defaults (undefined) when the system store is empty, unreadable, or this Node cannot read it", () => {
    expect(trustedCertificates({ getCACertificates: (type) => (type === 'system' ? [] : ['PUBLIC-1']) })).toBeUndefined();
    expect(
      trustedCertificates({
        getCACertificates: () => {
          throw new Error('store locked');
        },
      }),
    ).toBeUndefined();
    expect(trustedCertificates({})).toBeUndefined();
  });

  it('matches what this Node offers', () => {
    const native = (tls as CaSource).getCACertificates;
    const system = typeof native === 'function' ? native.call(tls, 'system') : [];
    if (system.length === 0) expect(processTrustedCertificates()).toBeUndefined();
    else expect(processTrustedCertificates()).toEqual(expect.arrayContaining(system));
  });
});
