import { describe, expect, it } from 'vitest';
import { integrityLabel, integrityNote } from '../../renderer/src/lib/jobIntegrity';

describe('Job history integrity labels', () => {
  it('names a damaged journal "damaged" and says what can be trusted', () => {
    const trust = {
      status: 'damaged' as const,
      detail: 'job.journal.jsonl line 12: checksum mismatch. Trusted: the 1000 item outcomes recorded before that line.',
    };
    expect(integrityLabel(trust)).toBe('damaged');
    expect(integrityNote(trust)).toBe(`Journal damaged: ${trust.detail}`);
  });

  it('names an earlier version\'s journal "legacy, unverified"', () => {
    const trust = { status: 'legacy' as const, detail: 'Written by an earlier version without checksums.' };
    expect(integrityLabel(trust)).toBe('legacy, unverified');
    expect(integrityNote(trust)).toMatch(/^Journal from an earlier version: /);
  });
});
