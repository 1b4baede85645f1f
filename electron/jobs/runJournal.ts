// A run's door to its journal: every write goes through here, and after the first failed one
// (disk full, folder gone) nothing more is written: the run is told once, and stops as a crash
// would (what it had journalled is where a resume starts), never as a failure.
import type { Durability, JournalRecord, JournalWriter, OutcomeRecord } from './journal';
import type { WorkItem } from './workQueue';

export class RunJournal {
  private stoppedWith: string | undefined;

  constructor(
    private readonly writer: JournalWriter,
    /** Told once, at the first failed write, why the run must stop. */
    private readonly onStopped: (reason: string) => void,
  ) {}

  /** Why writing stopped (undefined: it has not). */
  get stopped(): string | undefined {
    return this.stoppedWith;
  }

  /** Bytes of complete records in the file (readable; on disk once a synced record follows: journal.ts). */
  get writtenBytes(): number {
    return this.writer.writtenBytes;
  }

  append(rec: JournalRecord, durability: Durability = 'synced'): Promise<void> {
    return this.appendAt(rec, durability).then(() => undefined);
  }

  /**
   * A batch's outcomes and the items sent again (after a lost answer apart: see replay.ts). Only
   * written (journal.ts): lost to a power cut, its items read as sent without an answer and a
   * resume settles them against the mailbox; a later intent or the final state syncs it.
   */
  appendResult(b: number, at: string, out: OutcomeRecord[], again: readonly WorkItem[]): Promise<void> {
    const retry = again.filter((w) => !w.afterLost).map((w) => w.item.seq);
    const retryLost = again.filter((w) => w.afterLost).map((w) => w.item.seq);
    const rec: JournalRecord = { t: 'result', b, at, out };
    if (retry.length) rec.retry = retry;
    if (retryLost.length) rec.retryLost = retryLost;
    return this.append(rec, 'written');
  }

  /** Resolves with the byte offset just past the record once it is in the file (and on disk when 'synced'). */
  async appendAt(rec: JournalRecord, durability: Durability = 'synced'): Promise<number> {
    if (this.stoppedWith !== undefined) throw new Error(this.stoppedWith);
    try {
      return await this.writer.appendAt(rec, durability);
    } catch (err) {
      this.failed(err);
      throw err;
    }
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  private failed(err: unknown): void {
    if (this.stoppedWith !== undefined) return;
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    const reason = code === 'ENOSPC' || code === 'EDQUOT' ? 'disk full' : 'the journal could not be written';
    this.stoppedWith = `interrupted: ${reason} (${err instanceof Error ? err.message : String(err)}); resume the job once the disk has space`;
    this.onStopped(this.stoppedWith);
  }
}
