// Plain-language advice for per-item Exchange errors: every advised code is a real EWS response
// code, and the report shows the advice with Exchange's own words after it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADVISED_CODES, explainItemError } from '../../electron/jobs/itemErrorAdvice';
import { schemaAvailable, schemaDir, schemaSkipReason } from '../support/schema';
import { FakeBackend } from './fakeBackend';
import { makeEngine, tempDir } from './helpers';

describe('item error advice', () => {
  it("puts the advice first and Exchange's text after it; unknown codes keep Exchange's text", () => {
    expect(explainItemError('ErrorQuotaExceeded', 'The mailbox quota was exceeded.')).toBe(
      'The mailbox is over its storage quota, so Exchange refused to put the item there: free space or raise the quota, then retry. Exchange said: “The mailbox quota was exceeded.”',
    );
    expect(explainItemError('ErrorAccessDenied', 'ErrorAccessDenied')).toMatch(
      /^Exchange refused to let this account change the item: it may read it but not change it/,
    );
    // No access reads as not found: the advice says so rather than only "deleted meanwhile".
    expect(explainItemError('ErrorItemNotFound', undefined)).toMatch(/deleted or moved.*or the account may not open the mailbox or folder/);
    expect(explainItemError('ErrorFolderNotFound', undefined)).toMatch(/or the account may not open it.*check the rights/);
    expect(explainItemError('ErrorAccessDenied', undefined)).not.toContain('Exchange said');
    // A purge refused under a hold says so, and names the cmdlet that tells for sure.
    expect(explainItemError('ErrorCannotDeleteObject', 'The mailbox is on hold.')).toMatch(
      /^Exchange does not allow deleting this item: the mailbox is on hold .*Get-Mailbox .* Exchange said: “The mailbox is on hold\.”$/,
    );
    expect(explainItemError('ErrorSomethingNew', 'A new thing happened.')).toBe('A new thing happened.');
    expect(explainItemError(undefined, 'The answer was lost; check the destination.')).toBe('The answer was lost; check the destination.');
    expect(explainItemError(undefined, '  ')).toBeUndefined();
  });

  it.skipIf(!schemaAvailable)("advises only codes that exist in the schema's ResponseCodeType", () => {
    const messages = readFileSync(join(schemaDir, 'messages.xsd'), 'utf8');
    const start = messages.indexOf('<xs:simpleType name="ResponseCodeType">');
    const end = messages.indexOf('</xs:simpleType>', start);
    expect(start).toBeGreaterThan(0);
    const codes = new Set([...messages.slice(start, end).matchAll(/value="(\w+)"/g)].map((m) => m[1]));
    expect(codes.size).toBeGreaterThan(300);
    expect(ADVISED_CODES.filter((code) => !codes.has(code))).toEqual([]);
  });

  if (!schemaAvailable) it.skip(schemaSkipReason, () => undefined);

  describe('in the report', () => {
    let dir: string;
    let cleanup: () => void;
    beforeEach(() => {
      ({ dir, cleanup } = tempDir());
    });
    afterEach(() => cleanup());

    it('shows each failed item with the advice for its code', async () => {
      const fb = new FakeBackend();
      fb.addFolder('dest', 'Dest', 'msgfolderroot');
      const items = fb.addItems('inbox', 6);
      const full = new Set(items.slice(0, 2).map((i) => i.key));
      fb.itemFault = (_op, it) =>
        full.has(it.key) ? { status: 'error', code: 'ErrorQuotaExceeded', message: 'The mailbox quota was exceeded.', retryable: false } : undefined;
      const engine = makeEngine(dir, fb);
      const job = await engine.start({
        mailbox: { part: 'primary' },
        action: { kind: 'move', toFolderId: 'dest' },
        target: { kind: 'ids', ids: items.map((i) => i.id) },
      });
      expect((await job.done).counts).toMatchObject({ done: 4, failed: 2 });
      const page = await engine.reportPage(job.jobId, { offset: 0, max: 10 });
      expect(page.rows).toHaveLength(2);
      for (const row of page.rows) {
        expect(row.code).toBe('ErrorQuotaExceeded');
        expect(row.message).toMatch(/^The mailbox is over its storage quota.*Exchange said: “The mailbox quota was exceeded\.”$/);
      }
    });
  });
});
