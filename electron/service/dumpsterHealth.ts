// Dumpster health of one mailbox: Recoverable Items sizes and counts per folder against the quota,
// and single item recovery (SIR) and holds as far as EWS shows them. EWS cannot read the mailbox's
// retention settings (SingleItemRecoveryEnabled, LitigationHoldEnabled, InPlaceHolds and the quotas
// are Get-Mailbox properties), so each is "known", "likely" from what the dumpster holds, or "cannot
// tell" with the cmdlet that tells. The evidence (EWS-FACTS §7; Exchange Team blog "Holy COW!",
// 2012: SIR and litigation hold both keep versions):
// - Versions holds items only while (or since) SIR or a hold was on: copy-on-write.
// - Purges keeps purged items only with SIR or a hold (the Managed Folder Assistant also passes
//   expired items through it on their way out, so this is "likely", not "known").
// - DiscoveryHolds holds items only for an In-Place Hold (items matching its query).
import type { Certainty, DumpsterFolderHealth, DumpsterHealth, DumpsterPartHealth, MailboxPart, RetentionFinding } from '../../shared/domain';

import type { DumpsterReader } from '../backends/port';

export type { DumpsterReader } from '../backends/port';

export interface DumpsterMailbox {
  /** The mailbox's address as the session names it. */
  address: string;
  hasArchive: boolean;
}

const GB = 1024 ** 3;
/** Exchange's defaults (RecoverableItemsWarningQuota / RecoverableItemsQuota), and while on hold. */
export const DEFAULT_DUMPSTER_QUOTA = { warningBytes: 20 * GB, limitBytes: 30 * GB } as const;
export const HOLD_DUMPSTER_QUOTA = { warningBytes: 90 * GB, limitBytes: 100 * GB } as const;

/** The Exchange Management Shell line that reads what EWS cannot. */
export function retentionCmdlet(address: string): string {
  const who = /^[A-Za-z0-9._@-]+$/.test(address) ? address : `'${address.replace(/'/g, "''")}'`;
  return `Get-Mailbox ${who} | fl SingleItemRecoveryEnabled,LitigationHoldEnabled,InPlaceHolds,RecoverableItemsWarningQuota,RecoverableItemsQuota`;
}

/** The subfolder of this kind (deletions, versions, purges, discoveryholds) in either part. */
export function isDumpsterFolder(folder: Pick<DumpsterFolderHealth, 'distinguishedId'>, kind: 'deletions' | 'versions' | 'purges' | 'discoveryholds'): boolean {
  return folder.distinguishedId?.replace(/^archive/, '') === `recoverableitems${kind}`;
}

function countIn(parts: readonly DumpsterPartHealth[], kind: 'versions' | 'purges' | 'discoveryholds'): number {
  let n = 0;
  for (const part of parts) for (const f of part.folders) if (isDumpsterFolder(f, kind)) n += f.itemCount;
  return n;
}

const items = (n: number): string => `${n.toLocaleString('en-US')} item${n === 1 ? '' : 's'}`;

function finding(certainty: Certainty, evidence: string, on?: boolean): RetentionFinding {
  return on === undefined ? { certainty, evidence } : { certainty, on, evidence };
}

/** SIR and holds as far as the dumpster's contents show them. */
export function assessRetention(
  parts: readonly DumpsterPartHealth[],
): Pick<DumpsterHealth, 'sirOrHold' | 'hold' | 'inPlaceHold' | 'litigationHold' | 'singleItemRecovery'> {
  const versions = countIn(parts, 'versions');
  const purges = countIn(parts, 'purges');
  const discovery = countIn(parts, 'discoveryholds');
  // A hold and SIR cover the primary and the archive alike: the counts are of both.
  const both = parts.length > 1 ? ' in the primary and archive' : '';
  const signs: string[] = [];
  if (versions > 0) signs.push(`Versions holds ${items(versions)}${both} (copies kept before edits)`);
  if (purges > 0) signs.push(`Purges holds ${items(purges)}${both} (purged items kept)`);
  const sirOrHold =
    signs.length > 0
      ? finding(
          'likely',
          `${signs.join('; ')}: Exchange keeps these only while single item recovery or a hold is on (or was, until the Managed Folder Assistant clears them).`,
          true,
        )
      : finding('cannotTell', 'Versions and Purges are empty: single item recovery and holds may be off, or on with nothing edited or purged since.');
  const inPlaceHold =
    discovery > 0
      ? finding('likely', `DiscoveryHolds holds ${items(discovery)}${both}: Exchange puts items there only for an In-Place Hold.`, true)
      : finding(
          'cannotTell',
          'DiscoveryHolds is empty, which an In-Place Hold with nothing purged since also leaves; the hold list itself is not read over EWS by this app (GetHoldOnMailboxes needs the Discovery Management role).',
        );
  const litigationHold = finding('cannotTell', 'Litigation hold is a mailbox setting EWS does not expose; it leaves the same traces as single item recovery.');
  const hold =
    inPlaceHold.certainty === 'likely'
      ? finding('likely', inPlaceHold.evidence, true)
      : finding('cannotTell', 'No sign that tells a hold apart from single item recovery over EWS.');
  const singleItemRecovery =
    sirOrHold.certainty === 'likely' && hold.certainty !== 'likely'
      ? finding('cannotTell', `Single item recovery or a litigation hold is likely on (${signs.join('; ')}), but EWS cannot tell which.`)
      : finding('cannotTell', hold.certainty === 'likely' ? 'The hold alone explains what the dumpster keeps.' : 'Nothing in the dumpster shows it.');
  return { sirOrHold, hold, inPlaceHold, litigationHold, singleItemRecovery };
}

function partHealth(part: MailboxPart, folders: DumpsterFolderHealth[], onHold: boolean): DumpsterPartHealth {
  let totalItems = 0;
  let totalBytes = 0;
  let sizeComplete = true;
  for (const f of folders) {
    totalItems += f.itemCount;
    if (f.sizeBytes === undefined) sizeComplete = false;
    else totalBytes += f.sizeBytes;
  }
  const quota = onHold
    ? {
        ...HOLD_DUMPSTER_QUOTA,
        basis: 'hold' as const,
        explanation:
          "Exchange's quota while on hold (90 GB warning, 100 GB limit), assumed because a hold is likely; Get-Mailbox shows the mailbox's own figures.",
      }
    : {
        ...DEFAULT_DUMPSTER_QUOTA,
        basis: 'default' as const,
        explanation:
          "Exchange's default quota (20 GB warning, 30 GB limit), assumed: on hold it is 90/100 GB, and an administrator may have changed it; Get-Mailbox shows the mailbox's own figures.",
      };
  const state = totalBytes >= quota.limitBytes ? 'full' : totalBytes >= quota.warningBytes ? 'warning' : 'ok';
  return { part, totalItems, totalBytes, sizeComplete, folders, quota, state };
}

/** Reads both parts and puts the health together. */
export async function dumpsterHealth(reader: DumpsterReader, mailbox: DumpsterMailbox): Promise<DumpsterHealth> {
  const partNames: MailboxPart[] = mailbox.hasArchive ? ['primary', 'archive'] : ['primary'];
  const read = await Promise.all(partNames.map((part) => reader.readPart(part)));
  // First without a quota basis, to learn whether a hold is likely; the quota follows from that.
  const provisional = partNames.map((part, i) => partHealth(part, read[i] ?? [], false));
  const retention = assessRetention(provisional);
  const onHold = retention.hold.certainty !== 'cannotTell' && retention.hold.on === true;
  const parts = partNames.map((part, i) => partHealth(part, read[i] ?? [], onHold));
  return { mailbox: mailbox.address, parts, ...retention, cmdlet: retentionCmdlet(mailbox.address) };
}
