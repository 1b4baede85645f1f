// Before a damaged or legacy journal is resumed: the damaged file is kept as evidence, the journal
// is cut back to its trusted lines, and a recheck record says what was found. From then on the
// journal is whole again (every line checks out), and replay treats every item without a trusted
// outcome as "sent, answer unknown": the resumed run verifies it against the mailbox (verify.ts)
// before reporting anything for it. Order of steps: the evidence copy first, the rewritten journal
// renamed over the original last, so a crash in between leaves either file as it was before.
import { createReadStream, promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { JournalWriter } from './journal';
import { encodeLine, readableRecord } from './journalLines';
import type { ReplayedJob } from './replay';

/** True when the journal was rewritten or extended (replay it again before running it). */
export async function prepareRecheck(file: string, job: ReplayedJob, now: string): Promise<boolean> {
  const it = job.integrity;
  const damage = it.damage;
  if (damage) {
    const evidence = `${file}.damaged-${now.replace(/[-:.]/g, '')}`;
    await fsp.copyFile(file, evidence);
    const tmp = `${file}.recheck`;
    await fsp.copyFile(file, tmp);
    const handle = await fsp.open(tmp, 'r+');
    try {
      await handle.truncate(it.trustedEnd);
      const detail = `${it.describe() ?? file}; the lines from there on were set aside (kept as ${basename(evidence)}).`;
      // The trusted lines are lines 1 … damage.line − 1, so this record is number damage.line − 1.
      const incompletePlan = job.header.spec.target.kind === 'query' && !job.planned && (await setAsideActedBeyond(file, it.trustedEnd, job.status.length));
      await handle.write(
        encodeLine(damage.line - 1, {
          t: 'recheck',
          at: now,
          why: 'damaged',
          detail,
          evidence: basename(evidence),
          ...(incompletePlan ? { incompletePlan } : {}),
        }),
        it.trustedEnd,
      );
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, file);
    return true;
  }
  if (it.legacyLines > 0 && job.recheck === undefined) {
    const writer = await JournalWriter.open(file);
    try {
      await writer.append({
        t: 'recheck',
        at: now,
        why: 'legacy',
        detail: 'Written by an earlier version without checksums: items without a recorded outcome are verified against the mailbox.',
      });
    } finally {
      await writer.close();
    }
    return true;
  }
  return false;
}

/**
 * Whether the set-aside lines (from `from` on) may have acted on items beyond the `planned` ones
 * the trusted lines know: a line that cannot be read at all may have been anything, and a
 * readable intent or outcome for such an item says so. Lines that only repeat trusted ones (a
 * line written twice, a file appended to itself) do not.
 */
async function setAsideActedBeyond(file: string, from: number, planned: number): Promise<boolean> {
  const lines = createInterface({ input: createReadStream(file, { start: from }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const rec = readableRecord(line);
      if (rec === undefined) return true;
      if (rec.t === 'intent' && rec.seqs.some((s) => s >= planned)) return true;
      if (rec.t === 'result' && rec.out.some((o) => o.s >= planned)) return true;
    }
    return false;
  } finally {
    lines.close();
  }
}
