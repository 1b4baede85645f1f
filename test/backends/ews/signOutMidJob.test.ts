// An OAuth token source that starts failing while an EWS job runs (the provider signed out, or
// refused its credentials): every later request fails before it is sent. The job must end saying
// why and count no item "failed": each one done is in Deletions, each one not attempted is still
// in its folder (with no send time), an unknown one is in one of the two.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EwsJobBackend } from '../../../electron/backends/ews/jobBackend';
import { BearerAuth, EwsClient } from '../../../electron/ews';
import { DEMO_ADMIN, startSimulator, type RunningSimulator } from '../../../electron/sim';
import { makeEngine, outcomesOf, tempDir } from '../../jobs/helpers';

const ITEMS = 300;
const SIGN_OUT_AT = 60;
const TOKEN = 'token-for-the-admin';
const SIGNED_OUT = 'The token provider has no account any more (signed out).';

let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false, bearerTokens: { [TOKEN]: DEMO_ADMIN } });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir('ews-signout-'));
});
afterEach(() => cleanup());

function folder(name: string): string {
  const f = sim.store.folderByDistinguished(DEMO_ADMIN, name);
  if (!f) throw new Error(`no ${name}`);
  return f.id;
}

describe('A bearer token source that fails while an EWS job runs', () => {
  it('ends the job with the token failure; done items are in Deletions, the rest not attempted and untouched, none failed', async () => {
    const source = sim.store.createFolder(folder('inbox'), 'Token lost mid job').id;
    const ids = sim.store.seedItems(source, ITEMS, { subject: (i) => `tok-${i}`, receivedStepSeconds: 1, received: '2025-06-01T00:00:00Z', size: 2048 });
    const deletions = folder('recoverableitemsdeletions');
    const deletedCount = (): number => sim.store.folderItems(deletions).length;
    const before = deletedCount();
    let failing = false;
    const token = (): Promise<string> => {
      if (deletedCount() - before >= SIGN_OUT_AT) failing = true;
      return failing ? Promise.reject(new Error(SIGNED_OUT)) : Promise.resolve(TOKEN);
    };
    const client = new EwsClient({ url: sim.url, auth: new BearerAuth(token), maxSockets: 8 });
    try {
      const backend = new EwsJobBackend(client, { part: 'primary' });
      // Small batches, so that several are answered before the token goes.
      const engine = makeEngine(dir, backend, { batch: { initial: 20, max: 20 } });
      const job = await engine.start({ mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } });
      const result = await job.done;
      expect(failing).toBe(true);

      const rows = await outcomesOf(dir, job.jobId);
      expect(rows.size).toBe(ITEMS);
      const left = new Set(sim.store.folderItems(source).map((i) => i.subject));
      const deleted = new Set(
        sim.store
          .folderItems(deletions)
          .map((i) => i.subject)
          .filter((s) => s.startsWith('tok-')),
      );
      expect(left.size + deleted.size).toBe(ITEMS);
      for (const [id, row] of rows) {
        const where = `${row.subject} (${id}): ${row.outcome} ${row.code ?? ''} ${row.message ?? ''}`;
        switch (row.outcome) {
          case 'done':
            expect(deleted.has(row.subject), where).toBe(true);
            break;
          case 'notAttempted':
            expect(left.has(row.subject), where).toBe(true);
            expect(row.sentAt, where).toBeUndefined();
            break;
          case 'unknown':
            expect(left.has(row.subject) || deleted.has(row.subject), where).toBe(true);
            break;
          default:
            throw new Error(`unexpected outcome for ${where}`);
        }
      }
      expect(result.state).toBe('failed');
      expect(result.error).toContain(SIGNED_OUT);
      expect(result.counts.failed).toBe(0);
      expect(result.counts.done).toBeGreaterThanOrEqual(SIGN_OUT_AT);
      expect(result.counts.notAttempted).toBeGreaterThan(0);
      expect(result.counts.done + result.counts.notAttempted + result.counts.unknown).toBe(ITEMS);
    } finally {
      client.close();
    }
  });
});
