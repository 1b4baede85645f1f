// The job engine (electron/jobs) over the Graph backend against the Graph simulator: a soft delete
// and a recover to the original folder end to end, and a hard delete with per-item outcomes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobSpec, MailboxRef } from '../../../shared/domain';
import { countKinds, makeEngine, outcomesOf, tempDir } from '../../jobs/helpers';
import { ewsFolder, graphIds, newFolder, startRig, subjectsIn, type GraphRig } from './support';

let rig: GraphRig;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir('graph-engine-'));
});
afterEach(() => cleanup());

const me: MailboxRef = { part: 'primary' };

describe('the job engine over Graph', () => {
  it('soft-deletes items of two folders, then recovers each to the folder it came from', async () => {
    const a = await newFolder(rig, 'Projects A');
    const b = await newFolder(rig, 'Projects B');
    rig.sim.ews.store.seedItems(a.ews, 30, { subject: (i) => `ra-${i}`, received: '2024-06-01T10:00:00Z', receivedStepSeconds: 1 });
    rig.sim.ews.store.seedItems(b.ews, 25, { subject: (i) => `rb-${i}`, received: '2024-06-01T09:00:00Z', receivedStepSeconds: 1 });
    const ids = [...(await graphIds(rig, a.graph)), ...(await graphIds(rig, b.graph))];
    const engine = makeEngine(dir, rig.backend);

    const del = await engine.start({ mailbox: me, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } });
    const deleted = await del.done;
    expect(deleted.counts).toMatchObject({ done: 55, failed: 0, unknown: 0 });
    expect(rig.sim.ews.store.itemCount(a.ews) + rig.sim.ews.store.itemCount(b.ews)).toBe(0);

    // Recover everything deleted in that window from Deletions, listed by the engine over Graph.
    const deletions = (await rig.backend.getFolder('recoverableitemsdeletions', new AbortController().signal)).id;
    const spec: JobSpec = {
      mailbox: me,
      action: { kind: 'recover', fallbackFolderId: 'inbox' },
      target: { kind: 'query', folderId: deletions, filter: { receivedAfter: '2024-06-01T08:00:00Z', receivedBefore: '2024-06-01T11:00:00Z' } },
    };
    const rec = await engine.start(spec);
    const recovered = await rec.done;
    expect(recovered.counts).toMatchObject({ done: 55, failed: 0, unknown: 0 });
    expect(subjectsIn(rig, a.ews).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `ra-${i}`).sort());
    expect(subjectsIn(rig, b.ews).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `rb-${i}`).sort());
    const rows = await outcomesOf(dir, rec.jobId);
    expect([...rows.values()].every((r) => r.outcome === 'done' && r.newId !== undefined)).toBe(true);
  });

  it('hard-deletes with per-item outcomes: done, already gone, failed', async () => {
    const f = await newFolder(rig, 'Hard');
    rig.sim.ews.store.seedItems(f.ews, 40, { subject: (i) => `hd-${i}` });
    const ids = await graphIds(rig, f.graph);
    // One id already gone before the job (moved away, so its old id no longer resolves), one malformed.
    const moved = await rig.backend.moveItems([ids[0] ?? ''], 'inbox', new AbortController().signal);
    expect(moved[0]?.status).toBe('ok');
    const purgesBefore = rig.sim.ews.store.itemCount(ewsFolder(rig, 'recoverableitemspurges'));
    const engine = makeEngine(dir, rig.backend);
    const job = await engine.start({ mailbox: me, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: [...ids, 'not-a-graph-id'] } });
    const result = await job.done;
    const rows = await outcomesOf(dir, job.jobId);
    expect(countKinds(rows.values())).toMatchObject({ done: 39, alreadyGone: 1, failed: 1, unknown: 0 });
    expect(rows.get(ids[0] ?? '')?.outcome).toBe('alreadyGone');
    expect(rows.get('not-a-graph-id')).toMatchObject({ outcome: 'failed', code: 'ErrorInvalidIdMalformed' });
    expect(result.counts.done).toBe(39);
    expect(rig.sim.ews.store.itemCount(f.ews)).toBe(0);
    expect(rig.sim.ews.store.itemCount(ewsFolder(rig, 'recoverableitemspurges'))).toBe(purgesBefore + 39);
  });
});
