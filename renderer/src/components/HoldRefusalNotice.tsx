// The dry run's word on what a hold does to a purge: the items it will refuse (said before the job,
// with the evidence and how sure the app is, the cmdlet that tells for sure, and the offer to leave
// those items out), or that purged items are likely kept in Purges rather than gone.
import type { HoldRefusal, PurgeKept } from '../../../shared/domain';
import { formatSize, plural } from '../lib/format';
import { CopyCommand } from './CopyCommand';

interface HoldRefusalNoticeProps {
  refusal: HoldRefusal;
  /** Items in the whole job (the refused ones may be all of them). */
  jobItems: number;
  leaveOut: boolean;
  onLeaveOut: (leaveOut: boolean) => void;
}

export function HoldRefusalNotice({ refusal, jobItems, leaveOut, onLeaveOut }: HoldRefusalNoticeProps) {
  const all = refusal.itemCount >= jobItems;
  return (
    <div className="warning hold-refusal" role="note" aria-label="Hold">
      <p>
        <strong>{refusal.certainty === 'cannotTell' ? 'A hold may refuse this purge.' : 'A hold will refuse this purge.'}</strong> {refusal.message}
      </p>
      {refusal.certainty !== 'known' && (
        <p>
          To know for sure, run <CopyCommand command={refusal.cmdlet} />
        </p>
      )}
      <label className="choice">
        <input type="checkbox" checked={leaveOut} onChange={(e) => onLeaveOut(e.target.checked)} />
        <span>
          Leave these {plural(refusal.itemCount, 'item')} ({formatSize(refusal.totalSize)}) out of the job
          {all ? ': that is every item, so nothing would run.' : '.'}
        </span>
      </label>
    </div>
  );
}

/** That the purged items are likely kept in Purges, and the cmdlet that tells for sure. */
export function PurgeKeptText({ kept }: { kept: PurgeKept }) {
  return (
    <>
      {kept.message}
      {kept.certainty !== 'known' && (
        <>
          {' '}
          To know for sure, run <CopyCommand command={kept.cmdlet} />
        </>
      )}
    </>
  );
}

export function PurgeKeptNotice({ kept }: { kept: PurgeKept }) {
  return (
    <div className="warning" role="note" aria-label="Kept in Purges">
      <p>
        <PurgeKeptText kept={kept} />
      </p>
    </div>
  );
}
