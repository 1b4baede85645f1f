// The many-mailbox flow behind IPC (shared/multiIpc.ts): the app's window onto
// electron/service/multiMailbox.ts. It keeps one MultiMailboxService per signed-in account (built
// from the account's own sign-in, so each mailbox is opened by impersonation or delegate access),
// streams search and job progress as events, pages the per-item report (through the service's pager), and keeps an account's
// service open until the last job started on it has ended, even after the admin connected elsewhere.
import type { MultiJobProgress, MultiJobSummary } from '../../shared/domain';
import type { SweeperEmit } from '../../shared/ipc';
import type { MultiMailboxInvokeContract, NameSuggestion } from '../../shared/multiIpc';
import type { MultiJobHandle, MultiMailboxService } from './multiMailbox';
import { NotConnectedError } from './notConnected';

export type MultiMailboxHandlers = {
  [M in keyof MultiMailboxInvokeContract]: (arg: MultiMailboxInvokeContract[M]['arg']) => Promise<MultiMailboxInvokeContract[M]['result']>;
};

export interface MultiMailboxAppOptions<A extends object> {
  emit: SweeperEmit;
  /** Asks where to save; undefined when the admin cancels. */
  chooseSavePath(defaultName: string): Promise<string | undefined>;
  /** The account signed in now, as a key that changes with each sign-in; undefined when not connected. */
  account(): A | undefined;
  /** A service for that account; with none, for history and reports only. */
  createService(account: A | undefined): MultiMailboxService;
}

export interface MultiMailboxApp {
  handlers: MultiMailboxHandlers;
  /**
   * For a quit: stops searches, suspends running jobs (their batches in flight are journalled and
   * they stay interrupted, to be resumed from the screen's job list) and closes every connection.
   */
  dispose(): Promise<void>;
}

/** How long a quit waits for the batches in flight of the running jobs to be answered and journalled. */
const SUSPEND_WAIT_MS = 5_000;

/** Type-ahead answers shown at once (ResolveNames itself answers at most 100). */
const MAX_SUGGESTIONS = 20;

/** The progress event a finished job ends on (also when its run failed before its own last event). */
function finalProgress(summary: MultiJobSummary): MultiJobProgress {
  const state = summary.state === 'completed' || summary.state === 'cancelled' || summary.state === 'interrupted' ? summary.state : 'failed';
  const done = summary.mailboxes.filter((m) => !['pending', 'connecting', 'searching', 'running'].includes(m.state)).length;
  return {
    multiJobId: summary.multiJobId,
    state,
    mailboxesDone: done,
    mailboxesTotal: summary.mailboxes.length,
    counts: summary.counts,
    total: summary.total,
    itemsPerSecond: 0,
  };
}

export function createMultiMailboxApp<A extends object>(options: MultiMailboxAppOptions<A>): MultiMailboxApp {
  let current: { account: A; service: MultiMailboxService } | undefined;
  let history: MultiMailboxService | undefined;
  /** Services of earlier sign-ins with jobs still running: closed when the last one ends. */
  const retired = new Set<MultiMailboxService>();
  const running = new Map<string, { handle: MultiJobHandle; service: MultiMailboxService }>();
  const searches = new Map<string, AbortController>();

  const busy = (service: MultiMailboxService): boolean => [...running.values()].some((r) => r.service === service);

  /** The current account's service (made on first use after a sign-in); the previous one retires. */
  function connected(): MultiMailboxService {
    const account = options.account();
    if (current !== undefined && current.account !== account) {
      if (busy(current.service)) retired.add(current.service);
      else current.service.close();
      current = undefined;
    }
    if (account === undefined) throw new NotConnectedError();
    current ??= { account, service: options.createService(account) };
    return current.service;
  }

  /** The service that knows a job best: the one running it, else any (history reads the same folder). */
  function readerFor(multiJobId?: string): MultiMailboxService {
    const live = multiJobId === undefined ? undefined : running.get(multiJobId);
    if (live !== undefined) return live.service;
    if (options.account() !== undefined) return connected();
    history ??= options.createService(undefined);
    return history;
  }

  function follow(service: MultiMailboxService, handle: MultiJobHandle): { multiJobId: string } {
    const id = handle.multiJobId;
    running.set(id, { handle, service });
    const stop = handle.onProgress((p) => options.emit('multiJobProgress', p));
    void handle.done
      .then((summary) => options.emit('multiJobProgress', finalProgress(summary)))
      .catch(() => undefined)
      .finally(() => {
        stop();
        running.delete(id);
        if (retired.has(service) && !busy(service)) {
          retired.delete(service);
          service.close();
        }
      });
    return { multiJobId: id };
  }

  // Every handler is async, so a refusal (not connected) arrives as a rejected promise, never a throw.
  const handlers: MultiMailboxHandlers = {
    multiChooseMailboxes: async (request) => connected().selectMailboxes(request),

    multiSuggestNames: async ({ query }) => {
      const entries = await connected().suggest(query);
      const out: NameSuggestion[] = [];
      for (const e of entries) {
        if (e.smtp === undefined || (e.kind !== 'mailbox' && e.kind !== 'group')) continue;
        out.push({ smtp: e.smtp, kind: e.kind, ...(e.name === undefined ? {} : { name: e.name }) });
        if (out.length >= MAX_SUGGESTIONS) break;
      }
      return out;
    },

    multiDirectoryAccess: async () => connected().directoryAccess(),
    multiAllowDirectory: async () => connected().allowDirectory(),

    multiSearch: async ({ searchId, spec }) => {
      if (searches.has(searchId)) throw new Error(`A search ${searchId} is already running.`);
      const service = connected();
      const controller = new AbortController();
      searches.set(searchId, controller);
      try {
        return await service.search(spec, (p) => options.emit('multiSearchProgress', { ...p, searchId }), controller.signal);
      } finally {
        searches.delete(searchId);
      }
    },

    multiCancelSearch: async ({ searchId }) => {
      searches.get(searchId)?.abort();
    },

    multiHits: async ({ mailbox, part, folderId, filter, offset, max }) => connected().hits(mailbox, part, { folderId, filter, offset, max }),

    multiStartJob: async (spec) => {
      const service = connected();
      return follow(service, await service.start(spec));
    },

    multiCancelJob: async ({ multiJobId }) => {
      const live = running.get(multiJobId);
      if (live === undefined) throw new Error(`${multiJobId} is not running.`);
      live.handle.cancel();
    },

    multiResumeJob: async ({ multiJobId }) => {
      if (running.has(multiJobId)) throw new Error(`${multiJobId} is already running.`);
      const service = connected();
      return follow(service, await service.resume(multiJobId));
    },

    multiListJobs: async () => {
      const listed = await readerFor().list();
      // A job running on an earlier sign-in's service is known as running only there.
      return Promise.all(listed.map(async (s) => (running.has(s.multiJobId) && s.state !== 'running' ? readerFor(s.multiJobId).summary(s.multiJobId) : s)));
    },

    multiJobSummary: async ({ multiJobId }) => readerFor(multiJobId).summary(multiJobId),

    multiJobReport: async ({ multiJobId, mailbox, outcomes, offset, max }) =>
      readerFor(multiJobId).reportPage(multiJobId, {
        offset,
        max,
        ...(mailbox === undefined ? {} : { mailbox }),
        ...(outcomes === undefined ? {} : { outcomes }),
      }),

    multiRetryFailed: async ({ multiJobId }) => {
      if (running.has(multiJobId)) throw new Error(`${multiJobId} is still running: retry once it has ended.`);
      const service = connected();
      const { handle, plan } = await service.retry(multiJobId);
      const counts = { items: plan.items, finalErrors: plan.finalErrors };
      return handle === undefined ? counts : { ...follow(service, handle), ...counts };
    },

    multiExportReport: async ({ multiJobId, format }) => {
      const path = await options.chooseSavePath(`${multiJobId}-report.${format}`);
      if (path === undefined) return { saved: false };
      await readerFor(multiJobId).exportReport(multiJobId, format, path);
      return { saved: true, path };
    },
  };

  return {
    handlers,
    async dispose() {
      for (const controller of searches.values()) controller.abort();
      // Suspended, not cancelled: quitting (or a crash) leaves the job to resume.
      await Promise.all([...running.values()].map((r) => r.handle.suspend(SUSPEND_WAIT_MS).catch(() => undefined)));
      current?.service.close();
      current = undefined;
      for (const service of retired) service.close();
      retired.clear();
      history?.close();
      history = undefined;
    },
  };
}
