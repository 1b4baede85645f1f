// The IPC contract's part for the clean-up over many mailboxes (issue 11): its argument, result and
// event types. shared/ipc.ts lists the methods; the use-cases are electron/service/multiMailbox.ts.
// Nothing here carries a secret: mailboxes are addresses, items are ids, subjects and outcomes.
import type {
  AuditRow,
  ItemFilter,
  ItemPage,
  MailboxPart,
  MailboxPreview,
  MailboxSelection,
  MultiJobProgress,
  MultiJobSpec,
  MultiJobSummary,
  MultiMailboxSearchSpec,
  MultiSearchProgress,
  OutcomeKind,
} from './domain';

/** Where the mailboxes come from: pasted addresses or a CSV export, groups to expand, names to resolve. */
export interface MailboxChoiceRequest {
  text?: string;
  groups?: string[];
  names?: string[];
}

/** One ResolveNames candidate for the type-ahead (a mailbox, or a group that expands to its members). */
export interface NameSuggestion {
  name?: string;
  smtp: string;
  kind: 'mailbox' | 'group';
}

/**
 * Whether names and groups can be looked up on this connection. consentNeeded: a delegated Graph
 * sign-in without the directory scopes, which "Allow directory access…" asks for in the browser;
 * notOffered: nothing to ask here (EWS resolves names with the account's own rights; app-only
 * needs the application permissions an administrator grants); unavailable: the check failed.
 */
export interface DirectoryAccess {
  state: 'allowed' | 'consentNeeded' | 'notOffered' | 'unavailable';
  /** The permissions the directory needs (delegated scopes, or app-only's application permissions). */
  scopes?: string[];
  /** App-only: the application permissions not granted. */
  missing?: string[];
  message?: string;
}

/** The answer of "Allow directory access…": cancelled is the admin's Cancel sign-in, not a failure. */
export type AllowDirectoryResult = { ok: true } | { ok: false; cancelled: boolean; message: string };

/** A preview search; `searchId` is chosen by the renderer so its progress events can be told apart. */
export interface MultiSearchRequest {
  searchId: string;
  spec: MultiMailboxSearchSpec;
}

/** One mailbox finished searching (sent as each one finishes). */
export interface MultiSearchEvent extends MultiSearchProgress {
  searchId: string;
}

/** One page of a mailbox's hits in one folder (the preview's drill-in). */
export interface MultiHitsRequest {
  mailbox: string;
  part: MailboxPart;
  folderId: string;
  filter: ItemFilter;
  offset: number;
  max: number;
}

/** A page of the per-item report of a job over many mailboxes. */
export interface MultiReportRequest {
  multiJobId: string;
  /** One mailbox only (absent: every mailbox, in the job's order). */
  mailbox?: string;
  /** Which outcomes to list (absent: all). */
  outcomes?: OutcomeKind[];
  offset: number;
  max: number;
}

export interface MultiReportPage {
  rows: AuditRow[];
  /** Rows matching the request in the whole report. */
  total: number;
}

/** The retry's new job (absent when nothing is left to retry), and the items left out as final errors. */
export interface MultiRetryResult {
  multiJobId?: string;
  /** Items retried by id (folders and mailboxes searched again add theirs when they run). */
  items: number;
  /** Items that failed with an error a retry cannot fix (access denied, refused): they stay in the first report. */
  finalErrors: number;
}

/** The many-mailbox methods of the IPC contract (shared/ipc.ts merges them into SweeperInvokeContract). */
export interface MultiMailboxInvokeContract {
  /** The mailbox list from pasted text or CSV, groups and names; every entry not used is listed with its reason. */
  multiChooseMailboxes: { arg: MailboxChoiceRequest; result: MailboxSelection };
  /** ResolveNames candidates for what the admin is typing (mailboxes and groups). */
  multiSuggestNames: { arg: { query: string }; result: NameSuggestion[] };
  /** Whether names and groups can be looked up, or need "Allow directory access…" first. */
  multiDirectoryAccess: { arg: void; result: DirectoryAccess };
  /** Delegated Graph: the browser asks the directory scopes for the connection's account (Cancel sign-in ends it). */
  multiAllowDirectory: { arg: void; result: AllowDirectoryResult };
  /** Searches every mailbox (nothing is changed); rows arrive as multiSearchProgress events, all of them in the answer. */
  multiSearch: { arg: MultiSearchRequest; result: MailboxPreview[] };
  /** Stops a running preview search: mailboxes not yet started are not searched. */
  multiCancelSearch: { arg: { searchId: string }; result: void };
  /** One page of one mailbox's hits in one folder. */
  multiHits: { arg: MultiHitsRequest; result: ItemPage };
  /** Starts one job over every mailbox of the search; progress arrives as multiJobProgress events. */
  multiStartJob: { arg: MultiJobSpec; result: { multiJobId: string } };
  multiCancelJob: { arg: { multiJobId: string }; result: void };
  /** Continues a job over many mailboxes that was interrupted (quit, crash). */
  multiResumeJob: { arg: { multiJobId: string }; result: { multiJobId: string } };
  multiListJobs: { arg: void; result: MultiJobSummary[] };
  /** Where each mailbox of the job stands, and the totals. */
  multiJobSummary: { arg: { multiJobId: string }; result: MultiJobSummary };
  multiJobReport: { arg: MultiReportRequest; result: MultiReportPage };
  /** A new job over many mailboxes for what a finished one left undone (retryable failures, unknown, not attempted). */
  multiRetryFailed: { arg: { multiJobId: string }; result: MultiRetryResult };
  /** Asks where to save and writes the per-item report with its mailbox column. */
  multiExportReport: { arg: { multiJobId: string; format: 'csv' | 'json' }; result: { saved: boolean; path?: string } };
}

export const multiMailboxMethods = [
  'multiChooseMailboxes',
  'multiSuggestNames',
  'multiDirectoryAccess',
  'multiAllowDirectory',
  'multiSearch',
  'multiCancelSearch',
  'multiHits',
  'multiStartJob',
  'multiCancelJob',
  'multiResumeJob',
  'multiListJobs',
  'multiJobSummary',
  'multiJobReport',
  'multiRetryFailed',
  'multiExportReport',
] as const satisfies readonly (keyof MultiMailboxInvokeContract)[];

/** Events main → renderer of the many-mailbox flow. */
export interface MultiMailboxEventContract {
  multiSearchProgress: MultiSearchEvent;
  multiJobProgress: MultiJobProgress;
}
export const multiMailboxEvents = ['multiSearchProgress', 'multiJobProgress'] as const satisfies readonly (keyof MultiMailboxEventContract)[];

/**
 * The well-known folders a search over many mailboxes may name, and a move or recover may target:
 * folder ids differ from one mailbox to the next, these names do not (EWS DistinguishedFolderId).
 */
export const MULTI_FOLDER_NAMES = ['inbox', 'junkemail', 'deleteditems', 'sentitems', 'drafts', 'outbox'] as const;
export type MultiFolderName = (typeof MULTI_FOLDER_NAMES)[number];
