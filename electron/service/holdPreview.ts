// The hold part of a dry run: a purge of items in Purges or DiscoveryHolds (a delete other than
// MoveToDeletedItems, or emptying such a folder) is refused per item with ErrorCannotDeleteObject
// while the mailbox is on hold, or has single item recovery (EWS-FACTS §7: users can purge the
// dumpster only while SIR and holds are off). The preview says so before the job, with the
// evidence and how sure the app is; the job then reports those items as failed. A purge from
// elsewhere is said to be likely kept in Purges rather than gone, for the same reason.
import type { DryRunSummary, DumpsterFolderHealth, DumpsterHealth, HoldRefusal, JobSpec, PurgeKept } from '../../shared/domain';
import { isDumpsterFolder } from './dumpsterHealth';

/** The folder a job purges items from, when it purges: the job's own folder (query, selection, or the emptied folder). */
export function purgeSource(spec: JobSpec): string | undefined {
  const { action, target } = spec;
  if (action.kind === 'emptyFolder') return action.mode === 'MoveToDeletedItems' ? undefined : action.folderId;
  if (action.kind !== 'delete' || action.mode === 'MoveToDeletedItems') return undefined;
  return target.folderId;
}

/** The Purges or DiscoveryHolds folder of the health report that `folderId` names (by id or distinguished name). */
function heldFolder(health: DumpsterHealth, spec: JobSpec, folderId: string): DumpsterFolderHealth | undefined {
  const part = health.parts.find((p) => p.part === spec.mailbox.part);
  return part?.folders.find(
    (f) => (f.folderId === folderId || f.distinguishedId === folderId) && (isDumpsterFolder(f, 'purges') || isDumpsterFolder(f, 'discoveryholds')),
  );
}

const items = (n: number): string => `${n.toLocaleString('en-US')} item${n === 1 ? '' : 's'}`;

/** What the hold will do to this job's items, or undefined when it does not touch them. */
export function holdRefusalFor(spec: JobSpec, summary: DryRunSummary, health: DumpsterHealth): HoldRefusal | undefined {
  const source = purgeSource(spec);
  if (source === undefined || summary.itemCount === 0) return undefined;
  const folder = heldFolder(health, spec, source);
  if (folder === undefined) return undefined;
  const where = folder.displayName || 'this folder';
  const base = { itemCount: summary.itemCount, totalSize: summary.totalSize, cmdlet: health.cmdlet };
  const finding = health.hold.certainty !== 'cannotTell' && health.hold.on ? health.hold : health.sirOrHold;
  if (finding.certainty !== 'cannotTell' && finding.on === true) {
    const what = finding === health.hold ? 'on hold' : 'on hold or has single item recovery';
    const sure = finding.certainty === 'known' ? 'is' : 'is likely';
    return {
      ...base,
      certainty: finding.certainty,
      message: `${items(summary.itemCount)} will be refused: the mailbox ${sure} ${what} (${finding.evidence.replace(/\.$/, '')}), and then Exchange does not purge ${where} (ErrorCannotDeleteObject for each item).`,
    };
  }
  return {
    ...base,
    certainty: 'cannotTell',
    message: `${items(summary.itemCount)} may be refused: if the mailbox is on hold or has single item recovery, Exchange does not purge ${where} (ErrorCannotDeleteObject for each item). Whether it is cannot be told over EWS.`,
  };
}

/**
 * A purge Exchange likely does not carry out for good: a HardDelete (or any delete but
 * MoveToDeletedItems inside Recoverable Items) puts the items into Purges, not nowhere, while SIR or a
 * hold is on (EWS-FACTS §7). Items in Purges or DiscoveryHolds themselves are the refusal above.
 */
export function purgeKeptFor(spec: JobSpec, summary: DryRunSummary, health: DumpsterHealth): PurgeKept | undefined {
  const source = purgeSource(spec);
  if (source === undefined || summary.itemCount === 0 || heldFolder(health, spec, source) !== undefined) return undefined;
  const mode = spec.action.kind === 'delete' || spec.action.kind === 'emptyFolder' ? spec.action.mode : undefined;
  const part = health.parts.find((p) => p.part === spec.mailbox.part);
  const inDumpster = part?.folders.some((f) => f.folderId === source || f.distinguishedId === source) === true;
  if (mode !== 'HardDelete' && !inDumpster) return undefined;
  const finding = health.sirOrHold;
  if (finding.certainty === 'cannotTell' || finding.on !== true) return undefined;
  const sure = finding.certainty === 'known' ? 'are' : 'are likely';
  return {
    itemCount: summary.itemCount,
    certainty: finding.certainty,
    cmdlet: health.cmdlet,
    message: `The ${items(summary.itemCount)} ${sure} not gone for good: with single item recovery or a hold on (${finding.evidence.replace(/\.$/, '')}), Exchange keeps purged items in Recoverable Items/Purges until the hold ends or retention runs out.`,
  };
}

/** The dry run's summary with what a hold does to the purge (refused, or kept in Purges), when anything. */
export async function withHoldPreview(spec: JobSpec, summary: DryRunSummary, health: () => Promise<DumpsterHealth>): Promise<DryRunSummary> {
  if (purgeSource(spec) === undefined || summary.itemCount === 0) return summary;
  const read = await health();
  const refusal = holdRefusalFor(spec, summary, read);
  if (refusal !== undefined) return { ...summary, holdRefusal: refusal };
  const kept = purgeKeptFor(spec, summary, read);
  return kept === undefined ? summary : { ...summary, purgeKept: kept };
}
