// The manifest of a job over many mailboxes: one JSON file in the multi-job's own journal folder,
// beside the journals of its single-mailbox jobs. It records the spec and, per mailbox, how far it
// got (opened or not and why, the folders with hits that its jobs act on). It never records item
// outcomes: those are in the child journals, which stay the one source of truth for each item.
// Written whole to a temporary file and renamed over the old one, so a kill -9 leaves either the
// previous or the new manifest, never half of one.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { MailboxAccessMode, MailboxJobState, MultiJobSpec } from '../../shared/domain';
import type { SearchFolder } from './multiSearch';

/** One folder a mailbox's job acts on: found with hits, its destination resolved to an id. */
export interface PlannedFolder extends SearchFolder {
  hits: number;
  /** The action's folder (move destination, recover fallback) as an id of this mailbox part. */
  destinationId?: string;
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
  mailboxes: Record<string, ManifestMailbox>;
  /** Set when the multi-job ended (not after a kill: then it is interrupted). */
  finished?: { state: 'completed' | 'cancelled' | 'failed'; at: string; error?: string };
}

export const MULTI_DIR = 'multi';
const FILE = 'multi.json';

export function multiJobDir(dataDir: string, multiJobId: string): string {
  return join(dataDir, MULTI_DIR, multiJobId);
}

export async function readManifest(dir: string): Promise<MultiManifest | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(join(dir, FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as MultiManifest;
  if (parsed.v !== 1 || typeof parsed.multiJobId !== 'string') throw new Error(`${join(dir, FILE)} is not a multi-mailbox job manifest`);
  return parsed;
}

/** Serialises writes of one manifest: the last state always lands last. */
export class ManifestWriter {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    readonly manifest: MultiManifest,
  ) {}

  /** Writes the manifest as it is now (call after changing it). */
  save(): Promise<void> {
    this.manifest.updatedAt = new Date().toISOString();
    const text = JSON.stringify(this.manifest);
    const write = async (): Promise<void> => {
      const tmp = join(this.dir, `${FILE}.tmp`);
      const handle = await fsp.open(tmp, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(tmp, join(this.dir, FILE));
    };
    const next = this.queue.then(write, write);
    this.queue = next.catch(() => undefined);
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
