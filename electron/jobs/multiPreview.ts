// The preview of a job over many mailboxes: each mailbox opened (or listed with the reason it
// could not be), its folders searched with the filter, one row per mailbox with the hits, their
// size and a few subjects, streamed as each mailbox finishes, with an ETA over mailboxes. Nothing
// is changed. Mailboxes are searched a few at a time within the same gates the job uses.
import type { MailboxPreview, MultiMailboxSearchSpec, MultiSearchProgress } from '../../shared/domain';
import type { AccountGate } from './backoff';
import { foldersToSearch, partsOf, searchFolder, type SearchContext } from './multiSearch';
import { gateFor, runPool, withBudgetKey, type BudgetOwner, type MailboxOpener } from './multiPorts';

export interface PreviewOptions {
  /** Mailboxes searched at once (default 8). */
  parallelMailboxes?: number;
  budgetOwner?: BudgetOwner;
  /** Subjects kept per mailbox (default 5). */
  samples?: number;
  gates?: Map<string, AccountGate>;
  requestTimeoutMs?: number;
  maxAttempts?: number;
  signal?: AbortSignal;
}

export const DEFAULT_PARALLEL_MAILBOXES = 8;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Searches one opened mailbox; a failure after opening is the mailbox's 'failed' row, not a throw. */
export async function previewMailbox(
  mailbox: string,
  opener: MailboxOpener,
  spec: MultiMailboxSearchSpec,
  options: PreviewOptions = {},
): Promise<MailboxPreview> {
  const empty = { mailbox, hits: 0, totalSize: 0, sampleSubjects: [], folders: [] };
  // Primaries only: the archive is not looked for (a row never mentions it then).
  const opened = await opener.open(mailbox, spec.parts === 'primary' ? { primaryOnly: true } : undefined);
  if (!opened.ok) return { ...empty, state: 'unreachable', reason: opened.reason };
  const preview: MailboxPreview = { ...empty, state: 'searched', sampleSubjects: [], folders: [] };
  if (opened.access !== undefined) preview.access = opened.access;
  const gates = options.gates ?? new Map<string, AccountGate>();
  const skipped: string[] = [];
  try {
    for (const part of partsOf(spec.parts)) {
      if (part === 'archive' && !opened.hasArchive) {
        // Asked for both: a mailbox without an archive is searched in its primary and says so.
        if (spec.parts === 'archive') return { ...preview, state: 'unreachable', reason: `${mailbox} has no archive mailbox.` };
        skipped.push('no archive mailbox');
        continue;
      }
      const backend = withBudgetKey(opened.backendFor(part), mailbox, options.budgetOwner ?? 'impersonated');
      const ctx: SearchContext = {
        gate: gateFor(gates, backend),
        limits: { maxAttempts: options.maxAttempts ?? 8, timeoutMs: options.requestTimeoutMs ?? 90_000 },
        signal: options.signal ?? new AbortController().signal,
      };
      for (const folder of await foldersToSearch(backend, part, spec.folders, spec.dumpster, ctx)) {
        const { hits, subjects } = await searchFolder(backend, folder, spec.filter, ctx, options.samples ?? 5);
        if (hits.hits === 0) continue;
        preview.folders.push(hits);
        preview.hits += hits.hits;
        preview.totalSize += hits.totalSize;
        for (const s of subjects) if (preview.sampleSubjects.length < (options.samples ?? 5)) preview.sampleSubjects.push(s);
      }
    }
  } catch (error) {
    return { ...preview, state: 'failed', reason: `The search stopped in this mailbox: ${message(error)}` };
  } finally {
    opener.release?.(mailbox);
  }
  if (skipped.length > 0) preview.reason = `Primary only: ${skipped.join(', ')}.`;
  return preview;
}

/** Searches every mailbox of the spec; `onProgress` hears of each as it finishes. Rows in the spec's order. */
export async function previewMailboxes(
  spec: MultiMailboxSearchSpec,
  opener: MailboxOpener,
  onProgress: (progress: MultiSearchProgress) => void = () => undefined,
  options: PreviewOptions = {},
): Promise<MailboxPreview[]> {
  const rows: MailboxPreview[] = new Array<MailboxPreview>(spec.mailboxes.length);
  const started = Date.now();
  let done = 0;
  const gates = options.gates ?? new Map<string, AccountGate>();
  await runPool(
    spec.mailboxes,
    options.parallelMailboxes ?? DEFAULT_PARALLEL_MAILBOXES,
    async (mailbox, index) => {
      const preview = await previewMailbox(mailbox, opener, spec, { ...options, gates });
      rows[index] = preview;
      done++;
      const left = spec.mailboxes.length - done;
      const progress: MultiSearchProgress = { preview, mailboxesDone: done, mailboxesTotal: spec.mailboxes.length };
      if (left > 0) progress.etaSeconds = Math.round((((Date.now() - started) / 1000) * left) / done);
      onProgress(progress);
    },
    options.signal,
  );
  return rows.filter((r) => r !== undefined);
}
