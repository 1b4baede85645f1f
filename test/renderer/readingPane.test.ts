// The reading pane's pure helpers: the CSP meta leads the sandboxed document, the note says what
// was blocked, the retention tag shows as a GUID in MAPI byte order (or its bytes), people as text.
import { describe, expect, it } from 'vitest';
import { BODY_FRAME_CSP, blockedNote, formatPeople, formatPerson, formatRetentionTag, sandboxedDocument } from '../../renderer/src/lib/readingPane';

describe('sandboxedDocument', () => {
  it('puts the no-network policy before any of the body', () => {
    const doc = sandboxedDocument('<html><head><script>alert(1)</script></head><body>x</body></html>');
    expect(doc.startsWith(`<meta http-equiv="Content-Security-Policy" content="${BODY_FRAME_CSP}">`)).toBe(true);
    expect(BODY_FRAME_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(doc.indexOf('<script>')).toBeGreaterThan(doc.indexOf('Content-Security-Policy'));
  });
});

describe('blockedNote', () => {
  it('says what was blocked, and nothing when nothing was', () => {
    expect(blockedNote({ images: 0, styles: 0, other: 0, links: 0 })).toBeUndefined();
    expect(blockedNote({ images: 1, styles: 2, other: 2, links: 0 })).toBe(
      'Remote content blocked: 1 image, 2 styles that load from elsewhere, 2 scripts, frames or other active content.',
    );
    expect(blockedNote({ images: 3, styles: 1, other: 1, links: 2 })).toBe(
      'Remote content blocked: 3 images, 1 style that loads from elsewhere, 1 script, frame or other active content. Links are shown but not followed (point at one to see its address).',
    );
    expect(blockedNote({ images: 0, styles: 0, other: 0, links: 1 })).toBe('Links are shown but not followed (point at one to see its address).');
  });
});

describe('formatRetentionTag', () => {
  it('reads 16 bytes as a GUID with the first three fields little-endian', () => {
    const bytes = Buffer.from('33221100554477668899aabbccddeeff', 'hex').toString('base64');
    expect(formatRetentionTag(bytes)).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('shows other lengths as bytes, and bad base64 as given', () => {
    expect(formatRetentionTag(Buffer.from([1, 2, 255]).toString('base64'))).toBe('3 bytes: 0102ff');
    expect(formatRetentionTag('not base64!')).toBe('not base64!');
  });
});

describe('people', () => {
  it('names and addresses', () => {
    expect(formatPerson({ name: 'Sara', address: 'sara@f.com' })).toBe('Sara <sara@f.com>');
    expect(formatPerson({ address: 'a@b' })).toBe('a@b');
    expect(formatPerson(undefined)).toBe('');
    expect(formatPeople([{ name: 'A' }, { address: 'b@c' }], 2)).toBe('A; b@c (and 2 more)');
  });
});
