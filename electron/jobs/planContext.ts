// What planning works with, in its own module so that the planner and the recover helpers it calls
// (recover.ts, recoverFolders.ts, verify.ts) can all name it without importing one another.
import type { ItemRow } from '../../shared/domain';
import type { JobBackend } from './backend';
import type { CallLimits, AccountGate } from './backoff';

/** Where the folders made so far are remembered: the job's journal (absent in a dry run). */
export interface OrphanFolderLog {
  /** The folder journalled for a source key (hex), if any. */
  known(key: string): string | undefined;
  /** Resolves once the record is durable. */
  record(entry: { key: string; id: string; name: string; reused: boolean }): Promise<void>;
}

export interface PlanContext {
  backend: JobBackend;
  gate: AccountGate;
  limits: CallLimits;
  signal: AbortSignal;
  /** Recover, newFolders policy: where made folders are journalled. Absent: a dry run, nothing is made. */
  orphanFolders?: OrphanFolderLog;
  /** Recover: told of each item whose home is gone, with the row it was listed from (dry runs group them). */
  onOrphan?: (row: ItemRow, size: number) => void;
}
