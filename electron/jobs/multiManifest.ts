// The manifest of a job over many mailboxes: one JSON file in the multi-job's own journal folder,
// beside the journals of its single-mailbox jobs. It records the spec and, per mailbox, how far it
// got (opened or not and why, the folders with hits that its jobs act on). It never records item
// outcomes: those are in the child journals, which stay the one source of truth for each item.
// Written whole to a temporary file and renamed over the old one, so a kill -9 leaves either the
// previous or the new manifest, never half of one.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { MailboxAccessMode, MailboxJobState, MultiJobSpec } from '../../shared/domain';
import { checkManifest } from './multiManifestSchema';
import type { SearchFolder } from './multiSearch';

/** One folder a mailbox's job acts on: found with hits, its destination resolved to an id. */
export interface PlannedFolder extends SearchFolder {
  hits: number;
  /** The action's folder (move destination, recover fallback) as an id of this mailbox part. */
  destinationId?: string;
  /**
   * A retry's folder (multiRetry.ts): the earlier job of the folder, in the retried multi-job's
   * folder; 'ids' retries its items left undone, 'query' searches the folder again minus what it settled.
   */
  retry?: { jobId: string; mode: 'ids' | 'query' };
}

export interface ManifestMailbox {
  state: MailboxJobState;
  reason?: string;
  access?: MailboxAccessMode;
  /** Set once the mailbox was searched: its jobs are exactly these folders. */
  folders?: PlannedFolder[];
}

export interface MultiManifest {
  v: 1;
  multiJobId: string;
  createdAt: string;
  updatedAt: string;
  user: string;
  spec: MultiJobSpec;
  /** The multi-job whose undone items this one retries (a folder beside this one's). */
  retryOf?: string;
  mailboxes: Record<string, ManifestMailbox>;
  /** Set when the multi-job ended (not after a kill: then it is interrupted). */
  finished?: { state: 'completed' | 'cancelled' | 'failed'; at: string; error?: string };
}

export const MULTI_DIR = 'multi';
const FILE = 'multi.json';

export function multiJobDir(dataDir: string, multiJobId: string): string {
  return join(dataDir, MULTI_DIR, multiJobId);
}

/** The manifest in `dir`; undefined when there is none. A damaged one throws an error naming the file and the problem. */
export async function readManifest(dir: string): Promise<MultiManifest | undefined> {
  const file = join(dir, FILE);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is damaged: not valid JSON.`);
  }
  const checked = checkManifest(value);
  if (!checked.ok) throw new Error(`${file} is damaged: ${checked.reason}.`);
  return value as MultiManifest;
}

/**
 * Serialises writes of one manifest: the last state always lands last. Changes made while a write
 * is waiting its turn ride along with it (one write, not one per change), so a hundred mailboxes
 * changing state at once cost a few writes, not a hundred fsyncs in a row.
 */
export class ManifestWriter {
  private running: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    readonly manifest: MultiManifest,
  ) {}

  /** Resolves once the manifest as it is now (or later) is on disk. */
  save(): Promise<void> {
    if (this.pending !== undefined) return this.pending;
    const write = async (): Promise<void> => {
      this.pending = undefined;
      this.manifest.updatedAt = new Date().toISOString();
      const tmp = join(this.dir, `${FILE}.tmp`);
      const handle = await fsp.open(tmp, 'w');
      try {
        await handle.writeFile(JSON.stringify(this.manifest));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(tmp, join(this.dir, FILE));
    };
    const next = this.running.then(write, write);
    this.pending = next;
    this.running = next.catch(() => undefined);
    return next;
  }
}

/** Every multi-job folder under the data folder, newest first (ids sort by time). */
export async function listMultiJobDirs(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(join(dataDir, MULTI_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((n) => n.startsWith('multi-'))
    .sort()
    .reverse()
    .map((n) => join(dataDir, MULTI_DIR, n));
}
