// The connection the views and new jobs use (one at a time), and the folder paths read from it for
// reports: read once per session and tree refresh rather than once per report page.
import type { MailboxBackend } from '../backends/port';
import { folderPaths } from './folderPaths';
import { NotConnectedError } from './notConnected';

/** Folders renamed or moved since are named anew at most this much later (or at the next tree refresh). */
const FOLDER_PATHS_MAX_AGE_MS = 60_000;

export class CurrentSession {
  backend: MailboxBackend | undefined;
  private pathsCache: { session: MailboxBackend; at: number; paths: Promise<Map<string, string>> } | undefined;

  /** The current backend; a view asked for without one is refused in words. */
  require(): MailboxBackend {
    if (this.backend === undefined) throw new NotConnectedError();
    return this.backend;
  }

  /** The tree changed (refreshed, a folder deleted or restored): report paths follow it. */
  forgetPaths(): void {
    this.pathsCache = undefined;
  }

  /** Folder id → path of the current session; undefined without a connection (reports keep the ids). */
  paths(): Promise<Map<string, string>> | undefined {
    const current = this.backend;
    if (current === undefined) return undefined;
    const cache = this.pathsCache;
    if (cache !== undefined && cache.session === current && Date.now() - cache.at <= FOLDER_PATHS_MAX_AGE_MS) return cache.paths;
    const paths = folderPaths(current);
    this.pathsCache = { session: current, at: Date.now(), paths };
    // A failed read is not kept: the next report page tries again.
    paths.catch(() => {
      if (this.pathsCache?.paths === paths) this.pathsCache = undefined;
    });
    return paths;
  }
}
