// The journal's line format and its checks on their own (journalLines.ts, journalSchema.ts,
// journalRead.ts, journalRepair.ts): checksum, running number, shape, legacy lines, torn tail,
// the recover job's folder record, and the repair before a resume.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalHeader, JournalRecord } from '../../electron/jobs/journal';
import { journalPath, JournalWriter, readJournal } from '../../electron/jobs/journal';
import { encodeLine, JournalIntegrity, LineChecker, lineNumberOf } from '../../electron/jobs/journalLines';
import { prepareRecheck } from '../../electron/jobs/journalRepair';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import { listSummaries, writeSummary } from '../../electron/jobs/history';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('journal-lines-')));
afterEach(() => cleanup());

const header = (v: 1 | 2 = 2): JournalHeader => ({
  t: 'header',
  v,
  jobId: 'job-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  user: 'u',
  spec: { mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: ['a', 'b'] } },
  targetDescription: 'x',
});
const plan: JournalRecord = {
  t: 'plan',
  e: 0,
  items: [0, 1].map((seq) => ({ seq, id: `i${seq}`, subject: `s${seq}`, folderId: 'f', size: 1 })),
  rel: 2,
};
const folderRec: JournalRecord = { t: 'folder', at: 'T', key: '00ab', id: 'F1', name: 'Vendor Contracts 2023', reused: false };

function check(lines: string[]): { recs: JournalRecord[]; it: JournalIntegrity } {
  const it = new JournalIntegrity('j');
  const c = new LineChecker(it);
  const recs: JournalRecord[] = [];
  let pos = 0;
  for (const l of lines) {
    const end = pos + Buffer.byteLength(l) + 1;
    const r = c.check(l, pos, end);
    if (r) recs.push(r);
    pos = end;
  }
  return { recs, it };
}
const line = (n: number, r: JournalRecord): string => encodeLine(n, r).slice(0, -1);

describe('journal lines', () => {
  it('round-trips, and each line is JSON with its checksum and running number first', () => {
    const l = line(3, folderRec);
    expect(JSON.parse(l)).toMatchObject({ n: 3, t: 'folder', id: 'F1' });
    expect(l).toMatch(/^\{"c":"[0-9a-f]{8}","n":3,/);
    expect(lineNumberOf(l)).toBe(3);
    const { recs, it } = check([line(0, header()), line(1, plan), line(2, folderRec)]);
    expect(recs.map((r) => r.t)).toEqual(['header', 'plan', 'folder']);
    expect(it).toMatchObject({ verifiedLines: 3, legacyLines: 0, damage: undefined });
  });

  it('refuses a changed byte, a number out of place, a bad shape, and everything after the first damage', () => {
    const changed = line(1, plan).replace('"s1"', '"s2"');
    expect(check([line(0, header()), changed, line(2, folderRec)]).it.damage).toEqual({
      line: 2,
      reason: 'checksum mismatch (the line was changed or damaged)',
    });
    const after = check([line(0, header()), changed, line(2, folderRec)]);
    expect(after.recs).toHaveLength(1);
    expect(after.it.linesAfterDamage).toBe(1);
    expect(check([line(0, header()), line(2, plan)]).it.damage?.reason).toBe('records 2 to 2 are missing');
    expect(check([line(0, header()), line(1, plan), line(1, plan)]).it.damage?.reason).toMatch(/repeats record 2/);
    // The recover job's folder record is checked like every other.
    const noId = line(1, { ...folderRec, id: '' } as JournalRecord);
    expect(check([line(0, header()), noId]).it.damage?.reason).toMatch(/not a valid journal record at id/);
    expect(check([line(0, plan)]).it.damage?.reason).toBe('the first record is not a header');
    expect(check([line(0, header()), '']).it.damage?.reason).toBe('an empty line');
  });

  it("reads an earlier version's plain lines before checksummed ones, never after", () => {
    const legacy = [JSON.stringify(header(1)), JSON.stringify(plan)];
    expect(check([...legacy, line(2, folderRec)]).it).toMatchObject({ legacyLines: 2, verifiedLines: 1, damage: undefined });
    expect(check([...legacy, line(2, folderRec), JSON.stringify(folderRec)]).it.damage?.reason).toBe('a line without checksum');
    expect(check([line(0, header()), JSON.stringify(plan)]).it.damage?.reason).toBe('a line without checksum');
    expect(check([JSON.stringify(header(2))]).it.damage?.reason).toMatch(/earlier version's header/);
  });

  it('drops a torn last line (expected after a crash) without calling it damage; the writer cuts it and numbers on', async () => {
    const file = join(dir, 'j.journal.jsonl');
    const w = await JournalWriter.open(file);
    await w.append(header());
    await w.append(plan);
    await w.close();
    appendFileSync(file, '{"c":"00000000","n":2,"t":"resu');
    const it = new JournalIntegrity(file);
    const recs: JournalRecord[] = [];
    for await (const r of readJournal(file, undefined, it)) recs.push(r);
    expect(recs).toHaveLength(2);
    expect(it).toMatchObject({ tornTail: true, damage: undefined });
    const w2 = await JournalWriter.open(file);
    await w2.append(folderRec);
    await w2.close();
    expect(
      readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => lineNumberOf(l)),
    ).toEqual([0, 1, 2]);
  });
});

describe('repair before a resume', () => {
  it('keeps the damaged file, cuts back to the trusted lines, and marks every open item for verification', async () => {
    const file = journalPath(dir, 'job-1');
    writeFileSync(
      file,
      [line(0, header()), line(1, plan), line(2, { t: 'intent', b: 1, at: 'T', seqs: [0] }), line(2, { t: 'intent', b: 1, at: 'T', seqs: [0] })].join('\n') +
        '\n',
    );
    const original = readFileSync(file, 'utf8');
    const damaged = await replayJournal(file);
    if (!damaged) throw new Error('no header');
    expect(damaged.integrity.damage?.line).toBe(4);
    expect(await prepareRecheck(file, damaged, '2026-01-02T00:00:00.000Z')).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
    const repaired = await replayJournal(file);
    expect(repaired?.integrity.damaged).toBe(false);
    expect(repaired?.recheck?.why).toBe('damaged');
    expect(repaired?.recheck?.detail).toContain('line 4: repeats record 3');
    expect([0, 1].map((s) => repaired?.status.get(s))).toEqual([ItemStatus.InFlight, ItemStatus.InFlight]);
    // The evidence is the damaged file as it was.
    const evidence = readdirSync(dir).find((n) => n.includes('.damaged-')) ?? '';
    expect(readFileSync(join(dir, evidence), 'utf8')).toBe(original);
  });

  it('marks a finished job of an earlier version as legacy in Job history without replaying it', async () => {
    const file = journalPath(dir, 'job-1');
    writeFileSync(file, [JSON.stringify(header(1)), JSON.stringify({ t: 'state', at: 'T', state: 'completed' })].join('\n') + '\n');
    await new Promise((r) => setTimeout(r, 20));
    await writeSummary(dir, {
      jobId: 'job-1',
      title: 't',
      spec: header().spec,
      state: 'completed',
      counts: { done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 },
      createdAt: 'T',
      updatedAt: 'T',
      resumable: false,
      user: 'u',
    });
    const [entry] = await listSummaries(dir, new Map());
    expect(entry).toMatchObject({ jobId: 'job-1', state: 'completed', integrity: { status: 'legacy' } });
  });
});
