// Domain types shared by the main process (service/, jobs/) and the renderer.
// No EWS wire types here: a Microsoft Graph backend must be able to produce the same shapes.

/** How strongly an item or folder is deleted (EWS DisposalType, named by what the admin sees). */
export type DeleteMode = 'MoveToDeletedItems' | 'SoftDelete' | 'HardDelete';

/** The primary mailbox or its archive. */
export type MailboxPart = 'primary' | 'archive';

/**
 * How a connection opens another user's mailbox: acting as that user (ApplicationImpersonation)
 * or as itself with that mailbox's FullAccess permission (delegate access).
 */
export type MailboxAccessMode = 'impersonation' | 'delegate';

/** Whose mailbox a call acts on: the signed-in user's (no smtp) or another user's. */
export interface MailboxRef {
  /** Primary SMTP address of the other user's mailbox (impersonated or opened as a delegate); absent = the signed-in user's own. */
  smtp?: string;
  part: MailboxPart;
}

/** Where a folder sits: the visible (IPM) tree, or Recoverable Items (the dumpster). */
export type FolderArea = 'ipm' | 'recoverable';

export interface FolderInfo {
  id: string;
  changeKey?: string;
  parentId?: string;
  displayName: string;
  folderClass?: string;
  totalCount: number;
  childFolderCount: number;
  unreadCount?: number;
  /** PR_SOURCE_KEY (0x65E0), base64: what LastActiveParentEntryId of deleted items points at. */
  sourceKey?: string;
  /** The distinguished name (inbox, recoverableitemsdeletions, …) when the folder has one. */
  distinguishedId?: string;
  part: MailboxPart;
  area: FolderArea;
  /**
   * Set when the folder exists in the mailbox but this connection cannot open it (e.g. Versions,
   * Purges and DiscoveryHolds over Microsoft Graph: "EWS only"): shown, never listed or acted on.
   */
  unavailableReason?: string;
}

export type Importance = 'Low' | 'Normal' | 'High';

/**
 * One row of the item table (and of a job's listing). Kept small: a folder of 100,000 items crosses
 * to the renderer as 100,000 of these, so optional fields are left out when they say nothing new.
 */
export interface ItemRow {
  id: string;
  itemClass: string;
  subject: string;
  from?: string;
  /** ISO 8601 UTC. */
  received?: string;
  size: number;
  /** LastActiveParentEntryId (0x348A), base64: the source key of the folder it was deleted from. */
  lastActiveParentEntryId?: string;
  /** LastModifiedTime, ISO 8601 UTC: in Recoverable Items, about when the item was deleted. */
  lastModified?: string;
  /** Messages only: false = unread. Absent for items that have no read state. */
  isRead?: boolean;
  /** Set only when not Normal. */
  importance?: Exclude<Importance, 'Normal'>;
  /** Set only when the item has at least one category. */
  hasCategories?: true;
}

/** The filter of a query target; every present field must match (AND). */
export interface ItemFilter {
  subjectContains?: string;
  senderContains?: string;
  /** ISO 8601; items received at or after. */
  receivedAfter?: string;
  /** ISO 8601; items received before. */
  receivedBefore?: string;
  /** Exact item class, e.g. IPM.Note. */
  itemClass?: string;
  /** ISO 8601; LastModifiedTime at or after (in Recoverable Items: deleted at or after). */
  deletedAfter?: string;
  /** ISO 8601; LastModifiedTime before. */
  deletedBefore?: string;
  /** ISO 8601; items sent at or after. */
  sentAfter?: string;
  /** ISO 8601; items sent before. */
  sentBefore?: string;
  /** Exact Internet Message-ID, angle brackets included (<id@host>). */
  messageId?: string;
  /** Messages only: items without a read state match neither. */
  read?: 'read' | 'unread';
  hasCategories?: boolean;
  /** True: has at least one attachment (not counting inline ones: Exchange's HasAttachments); false: none. */
  hasAttachments?: boolean;
  importance?: Importance;
}

export type SortField = 'received' | 'subject' | 'from' | 'size' | 'itemClass' | 'lastModified';
export interface ItemSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

export interface Person {
  name?: string;
  address?: string;
}

/** One item as the reading pane shows it: headers, body and where it came from. */
export interface ItemDetails {
  id: string;
  itemClass: string;
  subject: string;
  from?: Person;
  to: Person[];
  cc: Person[];
  /** Recipients not listed (beyond the first 500 of To or Cc). */
  recipientsOmitted: number;
  /** ISO 8601 UTC. */
  sent?: string;
  received?: string;
  lastModified?: string;
  size?: number;
  importance?: Importance;
  categories: string[];
  isRead?: boolean;
  /** Internet Message-ID as Exchange stores it. */
  messageId?: string;
  /** PR_POLICY_TAG (0x3019), base64: the retention tag's GUID bytes. */
  retentionTag?: string;
  /** LastActiveParentEntryId (0x348A), base64: the folder it was deleted from. */
  lastActiveParentEntryId?: string;
  parentFolderId?: string;
  /** Plain text, or HTML exactly as stored (the renderer never runs it: see the reading pane). */
  body?: { format: 'text' | 'html'; content: string; truncated: boolean };
}

export interface ItemPage {
  rows: ItemRow[];
  offset: number;
  /** Items matching the view (the whole folder when unfiltered). */
  total: number;
  /** True when this page reaches the end of the view. */
  last: boolean;
}

// ---- Jobs ----------------------------------------------------------------------------------

/** What a job does to each item. */
export type JobAction =
  | { kind: 'move'; toFolderId: string }
  | { kind: 'copy'; toFolderId: string }
  | { kind: 'delete'; mode: DeleteMode }
  /**
   * Move each item back to the folder it was deleted from; items whose home is gone go to the
   * fallback, or (orphans: newFolders) each deleted folder's items into a new folder of their own.
   */
  | { kind: 'recover'; fallbackFolderId: string; orphans?: RecoverOrphanPolicy }
  | { kind: 'emptyFolder'; folderId: string; mode: DeleteMode; deleteSubFolders: boolean };

/**
 * Where recover puts items whose home folder is gone. 'fallback': the action's fallback folder.
 * 'newFolders': one new folder per deleted folder (items sharing a LastActiveParentEntryId), created
 * under `parentFolderId` with the admin's name; groups not named, and items of unknown origin, still
 * go to the fallback. A name already taken under the parent means that folder is used.
 */
export type RecoverOrphanPolicy =
  { kind: 'fallback' } | { kind: 'newFolders'; parentFolderId: string; names: { lastActiveParentEntryId: string; displayName: string }[] };

/** Which items: an explicit list, or every item of a folder matching a filter (enumerated by the engine). */
export type JobTarget =
  /** `folderId`: where the items were selected, named in the report for any Exchange refuses to look up. */
  { kind: 'ids'; ids: string[]; folderId?: string } | { kind: 'query'; folderId: string; filter: ItemFilter; excludeIds?: string[] };

export interface JobSpec {
  mailbox: MailboxRef;
  action: JobAction;
  /** Ignored for emptyFolder, which acts on the folder itself. */
  target: JobTarget;
}

export type OutcomeKind = 'done' | 'alreadyGone' | 'failed' | 'unknown' | 'notAttempted';

/** The one final outcome of one item in a job. */
export type ItemOutcome =
  | { kind: 'done'; id: string; newId?: string; destinationFolderId?: string }
  | { kind: 'alreadyGone'; id: string }
  | { kind: 'failed'; id: string; code: string; message: string; retryable: boolean }
  | { kind: 'unknown'; id: string; message: string }
  | { kind: 'notAttempted'; id: string };

export type OutcomeCounts = Record<OutcomeKind, number>;

/** One row of a job's per-item report (the results dialog, the command line's report). */
export interface ItemReportRow {
  id: string;
  subject: string;
  folder: string;
  outcome: OutcomeKind;
  code?: string;
  /** Human-readable explanation of the code. */
  message?: string;
  newId?: string;
  at: string;
}

export type JobState = 'planning' | 'running' | 'paused' | 'cancelling' | 'completed' | 'cancelled' | 'failed' | 'interrupted';

/** Progress events: a tagged union, never a bare percentage. At most ~10 a second per job. */
export type JobProgress =
  | {
      kind: 'planning';
      jobId: string;
      found: number;
      /** For a query: how many items the server says match, from its count of the folder view. */
      expected?: number;
    }
  | {
      kind: 'running';
      jobId: string;
      counts: OutcomeCounts;
      /**
       * Items in the job. While a query is still being listed this is an estimate (totalEstimated):
       * the server's count of matching items, or the items found so far when that is larger.
       */
      total?: number;
      totalEstimated?: boolean;
      itemsPerSecond: number;
      etaSeconds?: number;
      batchSize: number;
      concurrency: number;
    }
  | { kind: 'backoff'; jobId: string; counts: OutcomeCounts; waitMs: number; reason: string }
  | { kind: 'paused'; jobId: string; counts: OutcomeCounts }
  | { kind: 'finished'; jobId: string; counts: OutcomeCounts; state: Extract<JobState, 'completed' | 'cancelled' | 'failed'>; error?: string };

/** Dry-run result: what a job would do, without changing anything. */
export interface DryRunSummary {
  action: JobAction['kind'];
  itemCount: number;
  totalSize: number;
  /**
   * Per destination folder (move, copy, recover, delete target folder); fallback marks recover items
   * whose home is gone; newFolder a folder the run would create (folderId '' until it exists).
   */
  byDestination: { folderId: string; displayName: string; itemCount: number; totalSize: number; fallback?: boolean; newFolder?: boolean }[];
  /** Recover: the items whose home is gone, one group per deleted folder (largest first). */
  orphanGroups?: OrphanGroup[];
  /** A purge Exchange will refuse (or may refuse) because of a hold, said before the job runs. */
  holdRefusal?: HoldRefusal;
  /** A purge whose items Exchange likely keeps in Purges (single item recovery or a hold): not gone. */
  purgeKept?: PurgeKept;
}

/** Items a purge would likely not remove for good: Exchange keeps them in Purges while SIR or a hold is on. */
export interface PurgeKept {
  itemCount: number;
  certainty: Certainty;
  message: string;
  cmdlet: string;
}

/**
 * Items of a job that a hold will refuse to purge (items in Purges or DiscoveryHolds, which Exchange
 * keeps while a hold is on: ErrorCannotDeleteObject per item), with how sure the app is of the hold.
 */
export interface HoldRefusal {
  itemCount: number;
  totalSize: number;
  /** 'known'/'likely': they will be refused; 'cannotTell': they will be if a hold is on. */
  certainty: Certainty;
  /** The whole sentence for the admin, evidence included. */
  message: string;
  /** The cmdlet that tells for sure (EWS cannot read the hold settings). */
  cmdlet: string;
}

// ---- Dumpster health -------------------------------------------------------------------------

/** How the app knows a fact: read over EWS, inferred from evidence EWS gives, or not readable over EWS. */
export type Certainty = 'known' | 'likely' | 'cannotTell';

/** One retention setting of a mailbox (single item recovery, a hold) as far as EWS shows it. */
export interface RetentionFinding {
  certainty: Certainty;
  /** Known or likely: on or off; absent when the app cannot tell. */
  on?: boolean;
  /** Why the app thinks so, or why it cannot tell. */
  evidence: string;
}

export interface DumpsterFolderHealth {
  folderId: string;
  displayName: string;
  /** recoverableitemsdeletions, …; absent for folders without a distinguished name. */
  distinguishedId?: string;
  itemCount: number;
  /** The folder's own items' bytes; absent when Exchange did not say. */
  sizeBytes?: number;
}

export interface DumpsterPartHealth {
  part: MailboxPart;
  /** Recoverable Items root and every subfolder: items and bytes (the root's own included). */
  totalItems: number;
  totalBytes: number;
  /** False when Exchange gave no size for some folder (totalBytes then counts the others only). */
  sizeComplete: boolean;
  /** The root first, then its subfolders in tree order. */
  folders: DumpsterFolderHealth[];
  /** The quota assumed (Exchange's defaults; EWS cannot read the mailbox's own figures). */
  quota: { warningBytes: number; limitBytes: number; basis: 'default' | 'hold'; explanation: string };
  state: 'ok' | 'warning' | 'full';
}

export interface DumpsterHealth {
  /** The mailbox's address, or the signed-in account's own mailbox. */
  mailbox: string;
  /** The primary, then the archive when the mailbox has one. */
  parts: DumpsterPartHealth[];
  /** Single item recovery or a hold: what keeps purged items in Purges and versions in Versions. */
  sirOrHold: RetentionFinding;
  /** Any hold (litigation or In-Place): what raises the quota to 90/100 GB. */
  hold: RetentionFinding;
  inPlaceHold: RetentionFinding;
  litigationHold: RetentionFinding;
  singleItemRecovery: RetentionFinding;
  /** The Exchange Management Shell line that reads what EWS cannot. */
  cmdlet: string;
}

/** Recover items whose home folder is gone that were deleted from the same folder. */
export interface OrphanGroup {
  /** Their LastActiveParentEntryId (base64); absent: items that carry none (unknown origin). */
  lastActiveParentEntryId?: string;
  itemCount: number;
  totalSize: number;
  /**
   * ISO 8601: the newest time seen in the group, by `lastSeenBasis`: 'modified' (LastModifiedTime,
   * close to when the folder was last used) or 'received' (DateTimeReceived, when rows lack it).
   */
  lastSeen?: string;
  lastSeenBasis: 'modified' | 'received';
}

/**
 * One job in the history list, as the job engine reports it (from its journal). Structurally a
 * superset of shared/ipc.ts JobSummary, so the service layer can hand it over as is.
 */
export interface JobHistoryEntry {
  jobId: string;
  /** Human-readable one-liner, e.g. "Delete (SoftDelete): 500 selected items". */
  title: string;
  spec: JobSpec;
  /** 'interrupted' = the app stopped (crash, kill, quit) before the job finished. */
  state: JobState;
  counts: OutcomeCounts;
  /** Items in the job once planning finished (while planning: found so far). */
  total?: number;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601: last state change or checkpoint. */
  updatedAt: string;
  /** ISO 8601, once completed, cancelled or failed. */
  finishedAt?: string;
  /** True when the job was interrupted and can be resumed. */
  resumable: boolean;
  /** Who ran it (the signed-in account). */
  user: string;
  /** The job whose failed items this job retries. */
  retryOf?: string;
  error?: string;
  /** How far the job's journal can be trusted; absent when every line checked out. */
  integrity?: JournalTrust;
}

/**
 * A journal that is not fully verified. 'damaged': a line failed its checksum, running number or
 * shape (or did not fit the records before it); only what came before it is trusted. 'legacy':
 * written by an earlier version without checksums, read unverified. `detail` names the file and
 * line and says what can still be trusted.
 */
export interface JournalTrust {
  status: 'damaged' | 'legacy';
  detail: string;
}

/** One line of a job's audit report (CSV/JSON export). */
export interface AuditRow {
  jobId: string;
  user: string;
  mailbox: string;
  action: string;
  itemId: string;
  subject: string;
  /** Path of the folder the item was in ("Inbox/Projects"), when the export could name it. */
  folder?: string;
  /** Folder the item was in when the job planned it. */
  folderId: string;
  outcome: OutcomeKind;
  code?: string;
  message?: string;
  newId?: string;
  /** Path of the folder the item went to, when the export could name it. */
  destinationFolder?: string;
  destinationFolderId?: string;
  /** ISO 8601: when the batch carrying the item was sent (absent when never sent). */
  sentAt?: string;
  /** ISO 8601: when the outcome was recorded. */
  recordedAt: string;
}

// ---- Many mailboxes (issue 11) -------------------------------------------------------------

/** Which parts of each mailbox a search over many mailboxes covers. */
export type MailboxParts = 'primary' | 'archive' | 'both';

/**
 * Which folders of each mailbox part: every mail folder of the visible tree (folder class IPF.Note
 * and its kinds), or well-known folders by name (inbox, junkemail, deleteditems, …), with or
 * without their subfolders.
 */
export type FolderScope = { kind: 'allMail' } | { kind: 'wellKnown'; names: string[]; subfolders: boolean };

/** A search over many mailboxes: the same filter in the chosen folders of each. */
export interface MultiMailboxSearchSpec {
  /** Primary SMTP addresses, de-duplicated without case. */
  mailboxes: string[];
  parts: MailboxParts;
  folders: FolderScope;
  /** Also Recoverable Items' Deletions (the dumpster), e.g. to purge or recover across mailboxes. */
  dumpster: boolean;
  filter: ItemFilter;
}

/**
 * What a job over many mailboxes does to each hit. Folders are named by well-known name
 * (deleteditems, junkemail, inbox, …): ids differ from one mailbox to the next.
 */
export type MultiJobAction =
  | { kind: 'delete'; mode: DeleteMode }
  | { kind: 'move'; toFolder: string }
  | { kind: 'recover'; fallbackFolder: string }
  /**
   * Copy every hit into a folder of one other mailbox, for evidence: `folder` (a display name, made
   * under that mailbox's top of information store if missing) holds one subfolder per source
   * mailbox part. The account needs FullAccess to every source mailbox and to `mailbox`: the copy
   * runs with its own rights (under impersonation it would run as each source mailbox's owner).
   */
  | { kind: 'collect'; mailbox: string; folder: string };

export interface MultiJobSpec {
  search: MultiMailboxSearchSpec;
  action: MultiJobAction;
}

/** One folder's hits in a mailbox search. */
export interface FolderHits {
  part: MailboxPart;
  folderId: string;
  displayName: string;
  hits: number;
  totalSize: number;
}

/** How one mailbox answered a search: its hits, or why it could not be searched. */
export interface MailboxPreview {
  mailbox: string;
  state: 'searched' | 'unreachable' | 'failed';
  /** Why the mailbox was not (fully) searched, in words. */
  reason?: string;
  /** How the account opened it (impersonation, or delegate access where that is what it has). */
  access?: MailboxAccessMode;
  hits: number;
  totalSize: number;
  /** A few subjects of the hits (newest first), so a filter that is too wide shows. */
  sampleSubjects: string[];
  /** Folders with hits only. */
  folders: FolderHits[];
}

/** Search progress over mailboxes: sent once per mailbox as it finishes. */
export interface MultiSearchProgress {
  preview: MailboxPreview;
  mailboxesDone: number;
  mailboxesTotal: number;
  etaSeconds?: number;
}

/** An entry of a mailbox list that is not used, and why (never skipped silently). */
export interface MailboxListProblem {
  entry: string;
  reason: string;
}

/** The mailboxes chosen from a list, a CSV, groups or typed names. */
export interface MailboxSelection {
  mailboxes: string[];
  problems: MailboxListProblem[];
}

export type MailboxJobState = 'pending' | 'connecting' | 'searching' | 'running' | 'done' | 'unreachable' | 'failed' | 'cancelled';

/** One mailbox of a job over many: where it stands and its item outcomes so far. */
export interface MailboxJobStatus {
  mailbox: string;
  state: MailboxJobState;
  reason?: string;
  access?: MailboxAccessMode;
  counts: OutcomeCounts;
  /** Items of the mailbox (known once its folders were searched). */
  total: number;
  /** Its single-mailbox jobs (one per folder with hits), in the multi-job's journal folder. */
  jobIds: string[];
}

/** Progress of a job over many mailboxes: per mailbox (the one that changed) and overall. */
export interface MultiJobProgress {
  multiJobId: string;
  /** 'interrupted': stopped by a quit with mailboxes unfinished; it resumes. */
  state: 'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted';
  mailboxesDone: number;
  mailboxesTotal: number;
  counts: OutcomeCounts;
  /** Items known so far (mailboxes not yet searched add theirs later). */
  total: number;
  itemsPerSecond: number;
  etaSeconds?: number;
  mailbox?: MailboxJobStatus;
}

export interface MultiJobSummary {
  multiJobId: string;
  title: string;
  spec: MultiJobSpec;
  user: string;
  createdAt: string;
  updatedAt: string;
  state: 'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted';
  counts: OutcomeCounts;
  total: number;
  mailboxes: MailboxJobStatus[];
  resumable: boolean;
  /** The multi-job whose undone items this one retries. */
  retryOf?: string;
}
